using System.Collections.Immutable;

namespace Command.Domain.AfterAction;

/// <summary>
/// Runs of one drill side by side: key times and per-unit figures (time to contact, longest flagged hold, flags), so
/// a team run again can see whether it improved. Units are matched by unit id, or by callsign where a person maps
/// the callsigns of live drills to one name (a mapped callsign's unit is matched by that name in every run). A session
/// whose drill started over is compared on its first round, as its report's figures are (<see cref="RoundsCompared"/>
/// says so): round 1 with round 1, never one run's two rounds with another's one.
/// </summary>
/// <param name="Runs">Each run, in the order given.</param>
/// <param name="KeyTimes">Incident-wide times (seconds from the threat going active, unrounded) and flag counts (raised, of them on units and on zones, acknowledged), one value per run.</param>
/// <param name="Units">Per matched unit, its figures in each run (null where the run has no such unit).</param>
public sealed record RunComparison(ImmutableArray<ComparedRun> Runs, ImmutableArray<ComparedFigure> KeyTimes, ImmutableArray<ComparedUnit> Units)
{
    /// <summary>
    /// The key figures compared, in order: flags raised followed by those raised on units (what the units' flags add up to)
    /// and on zones (a hot zone with no contact unit, say), as the report splits them; the total alone, beside units whose
    /// flags added up to less, read as a miscount.
    /// </summary>
    public static readonly IReadOnlyList<string> Figures =
        ["first on scene (s)", "first entry (s)", "first contact (s)", "contained (s)", "neutralized (s)", "flags raised", "flags raised on units", "flags raised on zones", "flags acknowledged"];

    /// <param name="runs">The runs' reports.</param>
    /// <param name="callsigns">Callsign to the name it is matched by, for live drills whose unit ids differ; null matches by unit id alone.</param>
    /// <param name="madeAt">When the comparison is made, which a run of an incident still open says (<see cref="AfterActionWords.StillOpen"/>), where the maker knows it.</param>
    public static RunComparison Compare(IReadOnlyList<AfterActionReport> runs, IReadOnlyDictionary<string, string>? callsigns = null, DateTimeOffset? madeAt = null)
    {
        var keyTimes = Figures.Select((name, f) => new ComparedFigure(name, [.. runs.Select(r => Figure(r, f))])).ToImmutableArray();
        string Key(UnitMetrics u) => callsigns is not null && callsigns.TryGetValue(u.Callsign, out var name) ? name : u.UnitId;
        var order = new List<string>();
        foreach (var key in runs.SelectMany(r => FirstRound(r).Select(Key)))
        {
            if (!order.Contains(key))
            {
                order.Add(key);
            }
        }

        var byRun = runs.Select(r => FirstRound(r).GroupBy(Key).ToDictionary(g => g.Key, g => g.First())).ToList();
        var units = order.Select(key => new ComparedUnit(key, [.. byRun.Select(found => found.TryGetValue(key, out var u) ? UnitFigures.Of(u) : null)]));
        return new RunComparison(
            [.. runs.Select(r => new ComparedRun(r.Incident.IncidentId, r.Incident.Name, r.Incident.Scenario, r.Incident.ScenarioVersion, r.Incident.OpenedAt, r.Rounds.Count, r.Incident.RecordingDamaged, AfterActionWords.StillOpen(r.Incident, madeAt)))],
            keyTimes, [.. units]);
    }

    /// <summary>
    /// What the comparison says at its top of its runs whose figures are so far or stop early, drafts first, then damaged
    /// recordings, each run in order: a run of an incident still open, or read only up to a damaged line, is not a slower
    /// team's. Empty where every run is closed and whole.
    /// </summary>
    public IEnumerable<RunCaution> Cautions =>
        Runs.Select((r, i) => r.StillOpen is { } open ? new RunCaution(i + 1, "draft", AfterActionWords.DraftLabel, AfterActionWords.StillOpenRun(i + 1, open)) : null)
            .Concat(Runs.Select((r, i) => r.Damaged is { } damaged ? new RunCaution(i + 1, "damaged", AfterActionWords.DamagedLabel, AfterActionWords.DamagedRun(i + 1, damaged)) : null))
            .OfType<RunCaution>();

    /// <summary>
    /// What is compared of a session whose drill started over, one line for each (<see cref="AfterActionWords.RoundsCompared"/>):
    /// "drill1 holds 2 rounds; round 1 compared". Empty where every run is one round.
    /// </summary>
    public IEnumerable<string> RoundsCompared => Runs.Select(r => AfterActionWords.RoundsCompared(r.IncidentId, r.Rounds)).OfType<string>();

    // Its units' rows of its first round: a drill started over has a row for each round a unit played.
    private static IEnumerable<UnitMetrics> FirstRound(AfterActionReport run) =>
        run.Rounds.FirstOrDefault(1) is var first ? run.Units.Where(u => u.Round == first) : [];

    private static double? Figure(AfterActionReport run, int figure)
    {
        var i = run.Incident;
        var from = i.ThreatActiveAt ?? i.OpenedAt;
        // Unrounded: a person reads each through Durations.Clock, which truncates as every document does; 435.96 s rounded to
        // 436.0 first would print 7:16 here and 7:15 everywhere else.
        double? Since(DateTimeOffset? at) => at is { } t && from is { } f ? run.Elapsed(f, t).TotalSeconds : null;
        return figure switch
        {
            0 => Since(i.FirstOnScene?.Time),
            1 => Since(i.FirstEntry?.Time),
            2 => Since(i.FirstContact?.Time),
            3 => Since(i.ContainedAt),
            4 => Since(i.NeutralizedAt),
            5 => i.FlagsRaised,
            6 => i.FlagsRaised - i.FlagsRaisedOnZones,
            7 => i.FlagsRaisedOnZones,
            _ => i.FlagsAcknowledged,
        };
    }
}

/// <summary>
/// One run: the session, its name, the scenario and version it was played from, and how many rounds its drill was
/// played in (started over); its first alone is compared. <paramref name="Damaged"/> is where its recording is damaged and
/// read only up to (<see cref="IncidentMetrics.RecordingDamaged"/>), so that its figures stop there; null where it is whole.
/// <paramref name="StillOpen"/> is what every document of an incident still open says of it (<see cref="AfterActionWords.StillOpen"/>),
/// its figures so far; null where it is closed.
/// </summary>
public sealed record ComparedRun(string IncidentId, string Name, string? Scenario, string? ScenarioVersion, DateTimeOffset? OpenedAt, int Rounds = 1, string? Damaged = null, string? StillOpen = null);

/// <summary>One figure across the runs.</summary>
public sealed record ComparedFigure(string Name, ImmutableArray<double?> Values);

/// <summary>One unit (by id, or by its mapped callsign) across the runs.</summary>
public sealed record ComparedUnit(string Key, ImmutableArray<UnitFigures?> Runs);

/// <summary>A unit's figures in one run, seconds as measured (unrounded; printed through <see cref="Durations.Clock(double)"/>).</summary>
public sealed record UnitFigures(string UnitId, string Callsign, double? TimeToContactS, double LongestHoldS, int Flags)
{
    public static UnitFigures Of(UnitMetrics u) =>
        new(u.UnitId, u.Callsign, u.TimeToContact?.TotalSeconds, u.LongestFlaggedHold.TotalSeconds, u.FlagsRaised);
}
