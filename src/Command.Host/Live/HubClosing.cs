namespace Command.Host.Live;

/// <summary>
/// Why the host closes a page's hub connection, sent to it (<see cref="IncidentHub.ClosingMethod"/>) just before it is
/// closed: a page told its credential no longer stands goes to the sign-in page, which says why, rather than call the
/// close a lost connection and try again.
/// </summary>
public sealed record HubClosing(string Reason, string Detail)
{
    /// <summary>The credential the connection came with was revoked, signed out, changed or expired.</summary>
    public const string CredentialRefused = "credential-refused";
}
