using Command.Ingest.Listeners;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Kiss;

/// <summary>
/// A KISS TNC on the network that Command connects to for what its radio hears (configuration section
/// <c>Ingest:Aprs:Kiss</c>): Dire Wolf's KISS TCP port, or a hardware TNC's serial port behind a TCP bridge. Checked
/// when the host starts: a value that could not work stops it, naming its key.
/// </summary>
public sealed record KissClientOptions : SourceClientOptions
{
    /// <summary>The TNC's host name or address. Default "127.0.0.1" (Dire Wolf on this machine).</summary>
    public override string Host { get; init; } = "127.0.0.1";

    /// <summary>The TNC's KISS TCP port. Default 8001, Dire Wolf's.</summary>
    public override int Port { get; init; } = 8001;

    /// <summary>The TNC's radio port (KISS port 0-15) whose packets are taken; null takes every port's. Default null.</summary>
    public int? RadioPort { get; init; }

    /// <summary>Longest KISS frame taken, bytes unescaped; longer ones are refused as oversized. Default 1024 (AX.25's 256-byte information field and ten addresses fit with room).</summary>
    public int MaxFrameBytes { get; init; } = 1024;

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every setting, bound from <paramref name="section"/>, that could not work.</summary>
    public KissClientOptions Checked(string section)
    {
        var failures = Problems(section, "TNC").ToList();
        if (RadioPort is < 0 or > 15)
        {
            failures.Add($"{section}:RadioPort {RadioPort} is not a KISS port, 0 to 15.");
        }

        if (MaxFrameBytes is < 64 or > 65536)
        {
            failures.Add($"{section}:MaxFrameBytes {MaxFrameBytes} is not 64 to 65536.");
        }

        return failures.Count == 0 ? this : throw new OptionsValidationException(section, typeof(KissClientOptions), failures);
    }
}
