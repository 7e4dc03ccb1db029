using System.Globalization;
using System.Reflection;
using System.Text;

namespace Command.Ingest.Aprs;

/// <summary>
/// An APRS-IS client's login (<c>user CALL pass PASSCODE vers NAME VERSION ...</c>) and what a server answers it, as
/// APRS-IS servers must: a line naming the server's software as the client connects, and <c>logresp</c> to the login,
/// saying whether its passcode verifies its callsign. A client that waits for them (aprslib, on which APRSD and many
/// Python gateways are built) gave up on a listener that said nothing: "no banner from server". The passcode is the
/// network's: a hash of the callsign, public, and no credential here; the listener's allow-list decides who may send.
/// </summary>
/// <param name="Callsign">The callsign-SSID logged in with, as the client spelt it (it checks the answer by it).</param>
/// <param name="Passcode">The passcode given, or null where there was none or it was no number.</param>
public sealed record AprsLogin(string Callsign, int? Passcode)
{
    /// <summary>The name this server gives in answers, where an APRS-IS server gives its own callsign.</summary>
    public const string ServerName = "COMMAND";

    // Before the lines that give it: static fields are set in the order they are written.
    private static readonly string Version = SoftwareVersion();

    /// <summary>The line sent as a client connects: <c># Command 1.0.0</c>, CR LF ended.</summary>
    public static ReadOnlyMemory<byte> Banner { get; } = Encoding.ASCII.GetBytes($"# Command {Version}\r\n");

    /// <summary>How often a server writes its heartbeat to a client: every 20 s, as APRS-IS servers do.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The heartbeat written at <paramref name="now"/>, a comment as APRS-IS servers send: <c># Command 1.0.0 14 Mar 2026
    /// 15:00:20 GMT COMMAND</c>, CR LF ended. A client that has heard nothing for a while takes the server for lost and
    /// connects again (as Command's own APRS-IS client does after 2 minutes).
    /// </summary>
    public static ReadOnlyMemory<byte> Heartbeat(DateTimeOffset now) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"# Command {Version} {now.UtcDateTime:d MMM yyyy HH:mm:ss} GMT {ServerName}\r\n"));

    /// <summary>True when the passcode is the one the network gives the callsign: the login is verified.</summary>
    public bool Verified => Passcode is { } given && given == PasscodeOf(Callsign);

    /// <summary>The answer to the login: <c># logresp CALL verified, server COMMAND</c> (or unverified), CR LF ended.</summary>
    public ReadOnlyMemory<byte> Answer() =>
        Encoding.ASCII.GetBytes($"# logresp {Callsign} {(Verified ? "verified" : "unverified")}, server {ServerName}\r\n");

    /// <summary>The login a line holds, or null when it is no login (or names no callsign).</summary>
    public static AprsLogin? Read(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not ["user", var callsign, ..] || !Printable(callsign))
        {
            return null;
        }

        int? passcode = null;
        for (var i = 2; i + 1 < words.Length; i++)
        {
            if (words[i] == "pass")
            {
                passcode = int.TryParse(words[i + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
                break;
            }
        }

        return new AprsLogin(callsign, passcode);
    }

    /// <summary>
    /// The passcode the network gives a callsign: its base (the SSID left off, upper case, at most ten characters)
    /// folded two characters at a time into a 15-bit hash.
    /// </summary>
    public static int PasscodeOf(string callsign)
    {
        var dash = callsign.IndexOf('-', StringComparison.Ordinal);
        var call = (dash < 0 ? callsign : callsign[..dash]).ToUpperInvariant();
        call = call.Length > MostCallsignChars ? call[..MostCallsignChars] : call;
        var hash = HashSeed;
        for (var i = 0; i < call.Length; i += 2)
        {
            hash ^= call[i] << 8;
            if (i + 1 < call.Length)
            {
                hash ^= call[i + 1];
            }
        }

        return hash & 0x7fff;
    }

    // A callsign echoed in an answer is printable ASCII: no line ends, nothing a client's log would show as junk.
    private static bool Printable(string callsign) => callsign.Length <= MostLoginChars && callsign.All(c => c is > ' ' and < '\x7f');

    private static string SoftwareVersion()
    {
        var version = typeof(AprsLogin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private const int HashSeed = 0x73e2;
    private const int MostCallsignChars = 10;
    private const int MostLoginChars = 20;
}
