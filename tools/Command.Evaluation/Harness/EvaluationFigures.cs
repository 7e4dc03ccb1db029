using System.Collections.Immutable;
using System.Globalization;

namespace Command.Evaluation.Harness;

/// <summary>
/// What a run of the evaluation set measured: detection of holds, flags that should not have been, flags that
/// flapped, and flags that cleared once their unit closed again.
/// </summary>
public sealed record EvaluationFigures(
    int Incidents,
    double UnitHours,
    double ClosingUnitHours,
    ImmutableArray<HoldOutcome> Holds,
    ImmutableArray<FalseFlag> FalseFlags,
    ImmutableArray<ClearOutcome> Clears,
    HeldBackTally HeldBack = default)
{
    /// <summary>Holds that outlast grace by more than 60 s.</summary>
    public ImmutableArray<HoldOutcome> MustFlag => [.. Holds.Where(h => h.MustFlag)];

    /// <summary>Of <see cref="MustFlag"/>, those not flagged by their deadline (<see cref="HoldOutcome.DeadlineS"/>).</summary>
    public ImmutableArray<HoldOutcome> Missed => [.. MustFlag.Where(h => !h.FlaggedInTime)];

    /// <summary>Of <see cref="Missed"/>, those missed while the unit was shown arrived.</summary>
    public ImmutableArray<HoldOutcome> MissedAsArrived => [.. Missed.Where(h => h.ShownArrived)];

    /// <summary>Holds in which a flag came down, or went up again, while the unit still held.</summary>
    public ImmutableArray<HoldOutcome> Flapped => [.. Holds.Where(h => h.Flapped)];

    /// <summary>Holds whose flag turned from holding to moving away while the unit only held.</summary>
    public ImmutableArray<HoldOutcome> Turned => [.. Holds.Where(h => h.Turns > 0)];

    /// <summary>Flags that did not clear within 30 s or three fixes of their unit closing again at 1 m/s or more.</summary>
    public ImmutableArray<ClearOutcome> LateClears => [.. Clears.Where(c => !c.InTime)];

    public int Count(string truth) => FalseFlags.Count(f => f.Truth == truth);

    /// <summary>Flags raised on units in contact with the threat, indoors or out.</summary>
    public int ContactFlags => Count("arrived") + Count("contact-indoors");

    /// <summary>Flags raised on exempt roles.</summary>
    public int ExemptFlags => FalseFlags.Count(f => f.Truth.StartsWith("exempt:", StringComparison.Ordinal));

    public double FalseFlagsPerClosingUnitHour => ClosingUnitHours == 0 ? 0 : Count("closing") / ClosingUnitHours;

    public double? LatencyMedianS => Percentile(0.5);

    public double? LatencyMaxS => Percentile(1);

    /// <summary>True when every target is met: no hold missed, at most one false flag per 10 closing unit-hours, none on exempt roles or units in contact, no flap, every clear in time.</summary>
    public bool MeetsTargets => Missed.Length == 0 && FalseFlagsPerClosingUnitHour * 10 <= 1 && ExemptFlags == 0 && ContactFlags == 0
        && Flapped.Length == 0 && LateClears.Length == 0;

    public IEnumerable<string> Lines()
    {
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var clearLatencies = Clears.Where(c => c.InTime).Select(c => c.LatencyS!.Value).Order().ToList();
        yield return F($"incidents {Incidents}, unit-hours evaluated {UnitHours:F1} (closing at >= 1 m/s: {ClosingUnitHours:F1})");
        yield return F($"holds past grace by > 60 s: {MustFlag.Length}, flagged in time: {MustFlag.Length - Missed.Length}, missed: {Missed.Length} (shown arrived: {MissedAsArrived.Length}; beyond what their fixes show by the deadline: {Missed.Count(h => !h.Showable)})");
        yield return F($"detection latency after grace: median {LatencyMedianS:F1} s, max {LatencyMaxS:F1} s");
        yield return F($"shorter holds (within grace + 60 s) flagged: {Holds.Count(h => !h.MustFlag && h.FlaggedS is { } f && f < h.StartS + h.LengthS)} of {Holds.Length - MustFlag.Length}");
        yield return F($"false flags on units closing at >= 1 m/s: {Count("closing")} in {ClosingUnitHours:F1} unit-hours ({FalseFlagsPerClosingUnitHour:F3} per unit-hour, {FalseFlagsPerClosingUnitHour * 10:F2} per 10 unit-hours)");
        yield return F($"flags on tactical approaches (< 1 m/s): {Count("tactical")}; on units in contact: {ContactFlags} (indoors: {Count("contact-indoors")}); alerts on stair climbs: {Count("climbing-alert")}");
        yield return F($"holds that flapped (a flag cleared or raised again while the unit held): {Flapped.Length} of {Holds.Count(h => h.Raises > 0)} flagged");
        yield return F($"flag turns to moving away while the unit only held (each brings back a flag acknowledged as holding): {Turned.Sum(h => h.Turns)} in {Turned.Length} holds");
        yield return F($"flags cleared within 30 s or three fixes of closing again at >= 1 m/s: {Clears.Length - LateClears.Length} of {Clears.Length} (median {Median(clearLatencies):F0} s, max {(clearLatencies.Count == 0 ? 0 : clearLatencies[^1]):F0} s); late or never: {LateClears.Length} (still up when the track ended: {LateClears.Count(c => c.ClearedS is null)}; beyond what their fixes show: {LateClears.Count(c => !c.Showable)})");
        yield return F($"flags on exempt roles: {ExemptFlags}");
        yield return F($"reports from devices every 5 s or faster held back as multipath: {HeldBack.GenuineHeld} of {HeldBack.Genuine} that were not ({Percent(HeldBack.GenuineHeld, HeldBack.Genuine)}); {HeldBack.MultipathHeld} of {HeldBack.Multipath} that were ({Percent(HeldBack.MultipathHeld, HeldBack.Multipath)}), the rest taken in");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1} %");

    private static double Median(List<int> sorted) => sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];

    private double? Percentile(double p)
    {
        var latencies = MustFlag.Where(h => h.LatencyS is not null).Select(h => Math.Max(0, h.LatencyS!.Value)).Order().ToList();
        return latencies.Count == 0 ? null : latencies[(int)Math.Round(p * (latencies.Count - 1))];
    }
}
