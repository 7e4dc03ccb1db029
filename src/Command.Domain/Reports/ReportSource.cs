namespace Command.Domain.Reports;

/// <summary>Where a position report came from.</summary>
[GenerateSerializer]
public enum ReportSource
{
    /// <summary>The native JSON API.</summary>
    Json,

    /// <summary>The drill simulator.</summary>
    Simulator,

    /// <summary>TAK Cursor on Target.</summary>
    CoT,

    /// <summary>NMEA 0183 from a GPS receiver or radio.</summary>
    Nmea,

    /// <summary>APRS position packets.</summary>
    Aprs,

    /// <summary>The OsmAnd protocol spoken by the Traccar Client app.</summary>
    OsmAnd,
}
