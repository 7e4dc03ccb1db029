using System.Globalization;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>What every source Command connects out to is set with: where it is, where its reports go, how soon it is tried again.</summary>
public abstract record SourceClientOptions
{
    /// <summary>Connect to the source. Default false: nothing is connected to unless asked.</summary>
    public bool Enabled { get; init; }

    /// <summary>The source's host name or address.</summary>
    public abstract string Host { get; init; }

    /// <summary>The source's TCP port.</summary>
    public abstract int Port { get; init; }

    /// <summary>Incident its reports go to; null uses <c>Ingest:Incident</c>. Default null.</summary>
    public string? Incident { get; init; }

    /// <summary>Unknown-unit policy for its reports; null uses <c>Ingest:UnknownUnits</c>. Default null.</summary>
    public virtual UnknownUnitPolicy? UnknownUnits { get; init; }

    /// <summary>Wait before connecting again after the source could not be reached or closed the connection; doubled each time it fails again. Default 2 s.</summary>
    public TimeSpan ReconnectAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between tries. Default 1 minute.</summary>
    public TimeSpan MostReconnectAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What in these settings, bound from <paramref name="section"/>, could not work, each naming its key;
    /// <paramref name="source"/> names the source ("TNC").
    /// </summary>
    protected IEnumerable<string> Problems(string section, string source)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return $"{section}:Host is empty: the {source}'s host name or address.";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"{section}:Port {Port} is not 1 to 65535.";
        }

        if (ReconnectAfter <= TimeSpan.Zero || ReconnectAfter > MostReconnectAfter)
        {
            yield return $"{section}:ReconnectAfter {ReconnectAfter.ToString("c", CultureInfo.InvariantCulture)} must be positive and no longer than MostReconnectAfter ({MostReconnectAfter.ToString("c", CultureInfo.InvariantCulture)}).";
        }
    }
}
