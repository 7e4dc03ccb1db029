namespace Command.Domain.Geometry;

/// <summary>A WGS84 position in decimal degrees.</summary>
[GenerateSerializer, Immutable]
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>True when both coordinates are finite and inside their WGS84 ranges.</summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude) &&
        Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    public override string ToString() => FormattableString.Invariant($"{Latitude:F6},{Longitude:F6}");
}
