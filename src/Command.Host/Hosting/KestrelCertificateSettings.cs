namespace Command.Host.Hosting;

/// <summary>
/// The settings of Kestrel's default certificate (<c>Kestrel:Certificates:Default</c>), as ASP.NET Core reads them, for
/// the check of misspelt keys alone: a misspelt one ("Pth") left the host to say only that no certificate was given.
/// </summary>
public sealed class KestrelCertificateSettings
{
    public string? Path { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    public string? Subject { get; set; }

    public string? Store { get; set; }

    public string? Location { get; set; }

    public bool? AllowInvalid { get; set; }
}
