using System.Collections.Immutable;

namespace Command.Simulation.Scenarios;

/// <summary>How a unit's tracker reports: cadence, noise, outliers, silence and the accuracy it claims.</summary>
/// <param name="CadenceS">Seconds between fixes. File default 2 s.</param>
/// <param name="JitterS">Each gap is the cadence plus a uniform draw in ±jitter, seconds. File default 0.</param>
/// <param name="NoiseSigmaM">Standard deviation of the Gaussian error on each of east and north, metres. File default 0.</param>
/// <param name="OutlierProbability">Chance a fix is an outlier, 0–1. File default 0.</param>
/// <param name="OutlierM">How far an outlier lands from the true position, in a random direction, metres. File default 50 m.</param>
/// <param name="AccuracyM">Horizontal accuracy the reports state, metres. File default 5 m.</param>
/// <param name="Dropouts">Drill-time windows with no reports (a tunnel, a stairwell, a dead battery).</param>
public sealed record ReportingProfile(
    double CadenceS,
    double JitterS,
    double NoiseSigmaM,
    double OutlierProbability,
    double OutlierM,
    double AccuracyM,
    ImmutableArray<Dropout> Dropouts)
{
    /// <summary>True when a fix scheduled at <paramref name="atS"/> falls in a dropout (from inclusive, to exclusive).</summary>
    public bool IsSilentAt(double atS) => Dropouts.Any(d => atS >= d.FromS && atS < d.ToS);
}

/// <summary>A window of drill time without reports: from <paramref name="FromS"/> inclusive to <paramref name="ToS"/> exclusive.</summary>
public sealed record Dropout(double FromS, double ToS);
