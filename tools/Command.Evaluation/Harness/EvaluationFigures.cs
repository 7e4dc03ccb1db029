using System.Collections.Immutable;
using System.Globalization;

namespace Command.Evaluation.Harness;

/// <summary>What a run of the evaluation set measured: detection of holds and flags that should not have been.</summary>
public sealed record EvaluationFigures(int Incidents, double UnitHours, double ClosingUnitHours, ImmutableArray<HoldOutcome> Holds, ImmutableArray<FalseFlag> FalseFlags)
{
    /// <summary>Holds that outlast grace by more than 60 s.</summary>
    public ImmutableArray<HoldOutcome> MustFlag => [.. Holds.Where(h => h.MustFlag)];

    /// <summary>Of <see cref="MustFlag"/>, those not flagged within 60 s after grace ended (<see cref="HoldOutcome.GraceEndS"/>).</summary>
    public ImmutableArray<HoldOutcome> Missed => [.. MustFlag.Where(h => !h.FlaggedInTime)];

    public int Count(string truth) => FalseFlags.Count(f => f.Truth == truth);

    /// <summary>Flags raised on exempt roles.</summary>
    public int ExemptFlags => FalseFlags.Count(f => f.Truth.StartsWith("exempt:", StringComparison.Ordinal));

    public double FalseFlagsPerClosingUnitHour => ClosingUnitHours == 0 ? 0 : Count("closing") / ClosingUnitHours;

    public double? LatencyMedianS => Percentile(0.5);

    public double? LatencyMaxS => Percentile(1);

    public IEnumerable<string> Lines()
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        yield return F($"incidents {Incidents}, unit-hours evaluated {UnitHours:F1} (closing at >= 1 m/s: {ClosingUnitHours:F1})");
        yield return F($"holds past grace by > 60 s: {MustFlag.Length}, flagged within 60 s after grace: {MustFlag.Length - Missed.Length}, missed: {Missed.Length}");
        yield return F($"detection latency after grace: median {LatencyMedianS:F1} s, max {LatencyMaxS:F1} s");
        yield return F($"shorter holds (within grace + 60 s) flagged: {Holds.Count(h => !h.MustFlag && h.FlaggedS is { } f && f < h.StartS + h.LengthS)} of {Holds.Length - MustFlag.Length}");
        yield return F($"false flags on units closing at >= 1 m/s: {Count("closing")} in {ClosingUnitHours:F1} unit-hours ({FalseFlagsPerClosingUnitHour:F3} per unit-hour, {FalseFlagsPerClosingUnitHour * 10:F2} per 10 unit-hours)");
        yield return F($"flags on tactical approaches (< 1 m/s): {Count("tactical")}; on arrived units: {Count("arrived")}; alerts on stair climbs: {Count("climbing-alert")}");
        yield return F($"flags on exempt roles: {ExemptFlags}");
    }

    private double? Percentile(double p)
    {
        var latencies = MustFlag.Where(h => h.LatencyS is not null).Select(h => Math.Max(0, h.LatencyS!.Value)).Order().ToList();
        return latencies.Count == 0 ? null : latencies[(int)Math.Round(p * (latencies.Count - 1))];
    }
}
