namespace Command.Domain.Reports;

/// <summary>Wire names of altitude datums: <c>hae</c> (height above the WGS84 ellipsoid) and <c>msl</c> (above mean sea level).</summary>
public static class AltitudeDatums
{
    /// <summary>The names a reader accepts, for messages.</summary>
    public const string Expected = "hae or msl";

    public static bool TryParse(string? text, out AltitudeDatum datum)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "hae" or "ellipsoid":
                datum = AltitudeDatum.Ellipsoid;
                return true;
            case "msl" or "meansealevel":
                datum = AltitudeDatum.MeanSeaLevel;
                return true;
            default:
                datum = default;
                return false;
        }
    }

    public static string Name(AltitudeDatum datum) => datum == AltitudeDatum.Ellipsoid ? "hae" : "msl";
}
