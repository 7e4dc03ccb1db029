using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Cot;
using Command.Ingest.Http;
using Command.Ingest.Listeners;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;

namespace Command.Ingest;

/// <summary>
/// The configuration sections the ingest reads, for a host to refuse a key in them that names no setting before it
/// starts. Each listener's own section is checked as its listener is made.
/// </summary>
public static class IngestSettings
{
    public static IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new("Ingest", typeof(IngestOptions), "an ingest setting", "Validation", "Cot", "Nmea", "Aprs", "OsmAnd"),
        new("Ingest:Validation", typeof(ValidationOptions), "a validation setting"),
        new("Ingest:Cot", typeof(CotOptions), "a Cursor on Target setting", "Udp", "Multicast", "Tcp", "Tls", "TakServer"),
        new("Ingest:Nmea", typeof(NmeaOptions), "an NMEA setting", "Tcp"),
        new("Ingest:Aprs", typeof(AprsOptions), "an APRS setting", "Tcp", "Kiss", "AprsIs"),
        new("Ingest:OsmAnd", typeof(OsmAndOptions), "an OsmAnd setting"),
        new("Http:RateLimits", null, "a rate limit", "Reports", "Commands"),
        new("Http:RateLimits:Reports", typeof(CallerRateOptions), "a rate limit setting"),
        new("Http:RateLimits:Commands", typeof(CallerRateOptions), "a rate limit setting"),
    ];
}
