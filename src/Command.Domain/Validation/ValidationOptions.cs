namespace Command.Domain.Validation;

/// <summary>Bounds applied to every position report, whatever its source.</summary>
public sealed record ValidationOptions
{
    /// <summary>
    /// How far ahead of the receiving clock a fix time may be (device clock skew). Default 5 s: a report stamped
    /// further ahead would make the unit's genuine reports that follow it look out of order.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How old a fix may be and still describe where a unit is. Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old a fix its device held while it could not send may be, taken once the fixes after it show it was such a
    /// backlog (see DeviceBacklogs in the ingest). Default an hour.
    /// </summary>
    public TimeSpan MaxBacklogAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Worst horizontal accuracy accepted, metres. Default 100 m.</summary>
    public double MaxAccuracyM { get; init; } = 100;

    /// <summary>
    /// Fastest movement between consecutive fixes, metres per second, after allowing for both fixes'
    /// stated accuracy. Default 80 m/s (about 290 km/h): beyond any person or road vehicle.
    /// </summary>
    public double MaxImpliedSpeedMps { get; init; } = 80;

    public static ValidationOptions Default { get; } = new();
}
