namespace Command.Domain.Reports;

/// <summary>
/// What an altitude is measured from. The two differ by tens of metres (the geoid's height above the ellipsoid), more
/// than a floor, so an altitude whose datum is not known says nothing about which floor a unit is on.
/// </summary>
[GenerateSerializer]
public enum AltitudeDatum
{
    /// <summary>Height above the WGS84 ellipsoid (HAE): CoT's <c>hae</c>, GNSS receivers' native height.</summary>
    Ellipsoid,

    /// <summary>Height above mean sea level (the geoid): NMEA GGA's altitude, APRS's <c>/A=</c>, survey elevations.</summary>
    MeanSeaLevel,
}
