using System.Globalization;
using System.Text.RegularExpressions;
using Command.Ingest.Intake;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Listeners;

/// <summary>
/// An APRS-IS server Command logs in to, receive only, for the packets iGates anywhere heard from the trackers its
/// filter names (configuration section <c>Ingest:Aprs:AprsIs</c>). Checked when the host starts: a value that could not
/// work stops it, naming its key.
/// </summary>
public sealed partial record AprsIsClientOptions : SourceClientOptions
{
    /// <summary>The APRS-IS server. Default "rotate.aprs2.net", the core servers' round robin.</summary>
    public override string Host { get; init; } = "rotate.aprs2.net";

    /// <summary>Its user-defined filter port. Default 14580.</summary>
    public override int Port { get; init; } = 14580;

    /// <summary>
    /// Unknown-unit policy for its reports. Default <see cref="UnknownUnitPolicy.Refuse"/>: a range filter brings every
    /// station in range (cars, weather stations, digipeaters), and only the units enrolled are the incident's.
    /// </summary>
    public override UnknownUnitPolicy? UnknownUnits { get; init; } = UnknownUnitPolicy.Refuse;

    /// <summary>The callsign it logs in with (passcode -1: receive only, nothing is sent to APRS-IS). Required.</summary>
    public string? Login { get; init; }

    /// <summary>
    /// The APRS-IS server-side filter: <c>b/K1ABC-9/N0CALL*</c> (those stations: the responders' trackers) or
    /// <c>r/39.74/-104.99/20</c> (20 km round a point). Required: the filter port sends nothing else.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Longest line taken, bytes; longer ones are refused as oversized. Default 512, the APRS-IS limit.</summary>
    public int MaxLineBytes { get; init; } = 512;

    /// <summary>
    /// A server that sends nothing for this long, not even its keepalive comment (every 20 s), is taken as gone and
    /// connected to again. Default 2 minutes.
    /// </summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every setting, bound from <paramref name="section"/>, that could not work.</summary>
    public AprsIsClientOptions Checked(string section)
    {
        var failures = Problems(section, "APRS-IS server").ToList();
        if (Enabled && (Login is null || !Callsign().IsMatch(Login)))
        {
            failures.Add(Login is null
                ? $"{section}:Login is required: the callsign to log in to APRS-IS with (receive only)."
                : $"{section}:Login '{Login}' is not a callsign (letters and digits, up to 9, and an SSID such as -9).");
        }

        if (Enabled && (string.IsNullOrWhiteSpace(Filter) || Filter.Length > 400 || Filter.Any(c => c is < ' ' or > '~')))
        {
            failures.Add(string.IsNullOrWhiteSpace(Filter)
                ? $"{section}:Filter is required: the filter port sends only what a filter asks for, such as b/K1ABC-9/N0CALL* (those stations) or r/39.74/-104.99/20 (20 km round a point)."
                : $"{section}:Filter must be printable ASCII on one line, up to 400 characters.");
        }

        if (MaxLineBytes is < 128 or > 65536)
        {
            failures.Add($"{section}:MaxLineBytes {MaxLineBytes} is not 128 to 65536.");
        }

        if (SilenceTimeout < TimeSpan.FromSeconds(30))
        {
            failures.Add($"{section}:SilenceTimeout {SilenceTimeout.ToString("c", CultureInfo.InvariantCulture)} is under 30 s: a server sends its keepalive only every 20 s.");
        }

        return failures.Count == 0 ? this : throw new OptionsValidationException(section, typeof(AprsIsClientOptions), failures);
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,9}(-[A-Za-z0-9]{1,2})?$")]
    private static partial Regex Callsign();
}
