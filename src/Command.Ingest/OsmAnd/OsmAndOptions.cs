using Command.Ingest.Http;
using Command.Ingest.Intake;

namespace Command.Ingest.OsmAnd;

/// <summary>The OsmAnd HTTP endpoint of the Traccar Client app (configuration section <c>Ingest:OsmAnd</c>).</summary>
public sealed record OsmAndOptions
{
    /// <summary>Map the endpoint at all. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The port of the endpoint's own listener, which the host binds on the interface of its first address. Only
    /// OsmAnd answers there, and OsmAnd answers nowhere else, so the root of the host's other ports stays the
    /// dashboard's. 0 binds any free port (<c>OsmAndListener.BoundPort</c> tells which). Default 5055, Traccar's.
    /// </summary>
    public int Port { get; init; } = 5055;

    /// <summary>Incident the reports go to; null uses <c>Ingest:Incident</c>. Default null.</summary>
    public string? Incident { get; init; }

    /// <summary>What to do with a device the incident has not enrolled; null uses <c>Ingest:UnknownUnits</c>. Default null.</summary>
    public UnknownUnitPolicy? UnknownUnits { get; init; }

    /// <summary>
    /// How long the fix stands that the app sends as its stop detection stops tracking (<c>is_moving</c> false in the
    /// JSON body): having seen the phone still for minutes (five by default), it sends nothing more until the phone
    /// moves. The unit is then not stale for this long, and is taken at its word that it stands still. Zero reads
    /// <c>is_moving</c> as nothing. Default 10 minutes, the longest a stated fix stands for the judge
    /// (<c>Assessment:LongestStatedStale</c>).
    /// </summary>
    public TimeSpan StoppedFixStands { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest request body read, bytes; larger bodies are refused as oversized. Default 16384.</summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// Requests that prove no device (an identifier no admin issued, none, a body that cannot be read or is too long)
    /// one sending address may make, per second and in a burst; past it, its requests are refused before their bodies
    /// are read. A known device's reports count against its own limit (<see cref="DeviceRate"/>) only, not this: the
    /// phones on a site's Wi-Fi, or behind a carrier's NAT, share one address, and one stuck phone resending as fast as
    /// it can must not hold up the others. Default 200 a second, 400 in a burst.
    /// </summary>
    public CallerRateOptions AddressRate { get; init; } = new() { PerSecond = 200, Burst = 400 };

    /// <summary>
    /// Reports one device may send, per second and in a burst. Default 20 a second, and 40 in a burst: a phone back in
    /// signal sends what it kept while out of it, one after another.
    /// </summary>
    public CallerRateOptions DeviceRate { get; init; } = new() { PerSecond = 20, Burst = 40 };

    /// <summary>A sentence naming the first setting that could not work, or null when they all can.</summary>
    public string? Problem() =>
        MaxBodyBytes < 1 ? $"Ingest:OsmAnd:MaxBodyBytes must be at least 1, not {MaxBodyBytes}"
        : AddressRate.Problem("Ingest:OsmAnd:AddressRate") ?? DeviceRate.Problem("Ingest:OsmAnd:DeviceRate");
}
