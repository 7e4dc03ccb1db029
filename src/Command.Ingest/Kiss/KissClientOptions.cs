using System.Globalization;
using Command.Ingest.Intake;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Kiss;

/// <summary>
/// A KISS TNC on the network that Command connects to for what its radio hears (configuration section
/// <c>Ingest:Aprs:Kiss</c>): Dire Wolf's KISS TCP port, or a hardware TNC's serial port behind a TCP bridge. Checked
/// when the host starts: a value that could not work stops it, naming its key.
/// </summary>
public sealed record KissClientOptions
{
    /// <summary>Connect to the TNC. Default false: nothing is connected to unless asked.</summary>
    public bool Enabled { get; init; }

    /// <summary>The TNC's host name or address. Default "127.0.0.1" (Dire Wolf on this machine).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TNC's KISS TCP port. Default 8001, Dire Wolf's.</summary>
    public int Port { get; init; } = 8001;

    /// <summary>The TNC's radio port (KISS port 0-15) whose packets are taken; null takes every port's. Default null.</summary>
    public int? RadioPort { get; init; }

    /// <summary>Incident its reports go to; null uses <c>Ingest:Incident</c>. Default null.</summary>
    public string? Incident { get; init; }

    /// <summary>Unknown-unit policy for its reports; null uses <c>Ingest:UnknownUnits</c>. Default null.</summary>
    public UnknownUnitPolicy? UnknownUnits { get; init; }

    /// <summary>Longest KISS frame taken, bytes unescaped; longer ones are refused as oversized. Default 1024 (AX.25's 256-byte information field and ten addresses fit with room).</summary>
    public int MaxFrameBytes { get; init; } = 1024;

    /// <summary>Wait before connecting again after the TNC could not be reached or closed the connection; doubled each time it fails again. Default 2 s.</summary>
    public TimeSpan ReconnectAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between tries. Default 1 minute.</summary>
    public TimeSpan MostReconnectAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every setting, bound from <paramref name="section"/>, that could not work.</summary>
    public KissClientOptions Checked(string section)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            failures.Add($"{section}:Host is empty: the TNC's host name or address.");
        }

        if (Port is < 1 or > 65535)
        {
            failures.Add($"{section}:Port {Port} is not 1 to 65535.");
        }

        if (RadioPort is < 0 or > 15)
        {
            failures.Add($"{section}:RadioPort {RadioPort} is not a KISS port, 0 to 15.");
        }

        if (MaxFrameBytes is < 64 or > 65536)
        {
            failures.Add($"{section}:MaxFrameBytes {MaxFrameBytes} is not 64 to 65536.");
        }

        if (ReconnectAfter <= TimeSpan.Zero || ReconnectAfter > MostReconnectAfter)
        {
            failures.Add($"{section}:ReconnectAfter {ReconnectAfter.ToString("c", CultureInfo.InvariantCulture)} must be positive and no longer than MostReconnectAfter ({MostReconnectAfter.ToString("c", CultureInfo.InvariantCulture)}).");
        }

        return failures.Count == 0 ? this : throw new OptionsValidationException(section, typeof(KissClientOptions), failures);
    }
}
