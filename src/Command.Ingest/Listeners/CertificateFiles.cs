using System.Security.Cryptography;

namespace Command.Ingest.Listeners;

/// <summary>Certificate files named in settings, read once at start-up: each that is missing or unreadable is a failure naming its key.</summary>
internal static class CertificateFiles
{
    /// <summary>
    /// Reads the file at <paramref name="path"/>; where none is named, adds that <paramref name="key"/> is required
    /// <paramref name="when"/> ("when CoT over TLS is enabled"), and where it cannot be read, why.
    /// </summary>
    public static T? Read<T>(List<string> failures, string key, string? path, string when, Func<string, T> read)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{key} is required {when}.");
            return null;
        }

        try
        {
            return read(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            failures.Add($"{key} '{path}' could not be read: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether the file is PKCS#12 (<c>.p12</c>, <c>.pfx</c>) rather than PEM, by its name.</summary>
    public static bool IsPkcs12(string path) => Path.GetExtension(path).ToUpperInvariant() is ".P12" or ".PFX";
}
