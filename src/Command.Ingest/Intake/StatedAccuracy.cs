namespace Command.Ingest.Intake;

/// <summary>
/// What an accuracy a device states means, the same from every source: 0 m is no accuracy at all, not a perfect one.
/// Android's <c>Location</c> says 0 when it has none (Traccar Client sends <c>accuracy=0</c>), iTAK writes
/// <c>ce="0.0"</c>, and a receiver with no dilution of precision writes HDOP 0; no fix is exact to the millimetre, and
/// taken as 0 m the fix would count as exact wherever a unit's accuracy is allowed for.
/// </summary>
public static class StatedAccuracy
{
    /// <summary>The accuracy stated, in metres; null (unknown) where it is unknown or stated as 0.</summary>
    public static double? Of(double? metres) => metres == 0 ? null : metres;
}
