using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Evaluation.Tests;

/// <summary>
/// Two assessments of one incident, fed the same inputs the way the incident's projection feeds its one. On each clock
/// tick the first judges every unit and zone (<see cref="ClosingAssessment.Evaluate"/>, what every tick did before
/// ticks learned what is due); the second is ticked as the projection ticks it (<see cref="ClosingAssessment.Tick"/>).
/// Whatever either derives, and every unit's assessment after each tick, must be the same.
/// </summary>
internal sealed class TickTwins(AssessmentOptions options, LocalFrame frame, Site site)
{
    private readonly ClosingAssessment everyUnit = new(options, frame, site);
    private readonly ClosingAssessment due = new(options, frame, site);
    private readonly Dictionary<string, UnitEntry> units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Threat> threats = new(StringComparer.Ordinal);
    private FlagSuppression? suppression;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The flag transitions derived, by the twin that judges only what is due.</summary>
    public List<IncidentEvent> Derived { get; } = [];

    /// <summary>How many of <see cref="Derived"/> came on ticks: what time alone brought about.</summary>
    public int DerivedOnTicks { get; private set; }

    /// <summary>What each twin has judged so far.</summary>
    public (long EveryUnit, long Due) UnitsJudged => (everyUnit.UnitsJudged, due.UnitsJudged);

    /// <summary>The first difference between the twins, where and what; null while they agree.</summary>
    public string? Difference { get; private set; }

    /// <summary>Every flag up now, on units and zones.</summary>
    public IEnumerable<RaisedFlag> Flags => due.Flags;

    public void SetThreat(Threat threat, DateTimeOffset at, string? reason = null)
    {
        Now = at;
        threats[threat.ThreatId] = threat;

        // As the projection declares it: flags are suppressed while no threat is active and one was contained or neutralized.
        if (threats.Values.Any(t => t.IsActive) || !threats.Values.Any(t => FlagSuppression.Suppresses(t.Phase)))
        {
            suppression = null;
        }
        else if (FlagSuppression.Suppresses(threat.Phase))
        {
            suppression = new FlagSuppression(suppression?.Since ?? at, threat.ThreatId, threat.Phase, "test", reason ?? FlagSuppression.NoReason);
        }

        everyUnit.SetThreats(threats.Values, at, suppression);
        due.SetThreats(threats.Values, at, suppression);
        Compare("threat set", everyUnit.Evaluate(at, units), due.Evaluate(at, units));
    }

    public void Enrol(string unitId, UnitRole role, DateTimeOffset at)
    {
        Now = at;
        units[unitId] = new UnitEntry(unitId, unitId, role, at, null);
        Compare("enrolled", everyUnit.Evaluate(at, units), due.Evaluate(at, units));
    }

    public void ChangeRole(string unitId, UnitRole role, DateTimeOffset at)
    {
        Now = at;
        units[unitId] = units[unitId] with { Role = role };
        Compare("role changed", everyUnit.Evaluate(at, units), due.Evaluate(at, units));
    }

    public void Fix(PositionReport report)
    {
        Now = report.FixTime;
        units[report.UnitId] = units[report.UnitId] with { LastFix = report };
        Compare($"fix from {report.UnitId}", everyUnit.Observe(report, Now, units), due.Observe(report, Now, units));
    }

    public void Acknowledge(string subject, DateTimeOffset at)
    {
        Now = at;
        Compare($"acknowledged {subject}", everyUnit.Acknowledge(subject, at), due.Acknowledge(subject, at));
    }

    /// <summary>The clock's tick at <paramref name="at"/>, then every unit's assessment as a frame would show it.</summary>
    public void Tick(DateTimeOffset at)
    {
        Now = at;
        var derived = due.Tick(at, units);
        DerivedOnTicks += derived.Count;
        Compare("tick", everyUnit.Evaluate(at, units), derived);
        Compare("board", everyUnit.AssessAll(units, at).ToList(), due.AssessAll(units, at).ToList());
    }

    private void Compare<T>(string what, IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        if (typeof(T) == typeof(IncidentEvent))
        {
            Derived.AddRange(actual.Cast<IncidentEvent>());
        }

        if (Difference is null && !expected.SequenceEqual(actual))
        {
            Difference = $"{what} at {Now:HH:mm:ss}: judging every unit gave [{string.Join("; ", expected)}], judging what is due gave [{string.Join("; ", actual)}]";
        }
    }

    private void Compare(string what, bool expected, bool actual) => Compare(what, [expected], [actual]);
}
