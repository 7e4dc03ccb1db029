using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Evaluation.Harness;

namespace Command.Evaluation.Tests;

/// <summary>
/// A clock tick judges only the units and zones whose judgement time alone can change, and must derive exactly what
/// judging every unit on every tick derived: the same transitions at the same instants, the same board after every
/// tick. Held to that over the evaluation set's incidents under several seeds, with what changes with time alone
/// thrown in: a hot zone the threat is in and a casualty collection point nobody staffs, acknowledgements that run
/// out, the threat contained for a while, the subject reassigned for a while, and the set's report outages.
/// </summary>
public sealed class ClockTickTests(ITestOutputHelper output)
{
    private static readonly GeoPoint Origin = new(40.0, -75.0);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Acknowledgements that run out within an incident, so the flags they bring back are compared too.
    private static readonly AssessmentOptions Options = AssessmentOptions.Default with { AcknowledgementLasts = TimeSpan.FromSeconds(45) };

    [Theory]
    [InlineData(2026)]
    [InlineData(3)]
    [InlineData(17)]
    public void A_tick_derives_exactly_what_judging_every_unit_derives(int seed)
    {
        long everyUnit = 0, due = 0, onTicks = 0, zoneFlags = 0;
        foreach (var incident in EvaluationSet.Generate(seed, incidents: 44))
        {
            var twins = Run(incident, new Random(unchecked((seed * 31) + incident.Index)));

            Assert.True(twins.Difference is null, $"incident {incident.Index} ({incident.Kind}): {twins.Difference}");
            everyUnit += twins.UnitsJudged.EveryUnit;
            due += twins.UnitsJudged.Due;
            onTicks += twins.DerivedOnTicks;
            zoneFlags += twins.Derived.Count(e => e is Domain.Events.FlagRaised { Subject: var s } && s.StartsWith("zone:", StringComparison.Ordinal));
        }

        output.WriteLine($"units judged: {everyUnit:N0} judging every unit on every tick, {due:N0} judging what is due; transitions on ticks: {onTicks}, zone flags raised: {zoneFlags}");

        // The comparison means something only where ticks do derive transitions, zones' among them.
        Assert.True(onTicks > 0);
        Assert.True(zoneFlags > 0);
        Assert.True(due < everyUnit / 2);
    }

    private static TickTwins Run(EvaluationIncident incident, Random random)
    {
        var frame = new LocalFrame(Origin);
        var subject = incident.Tracks[0];
        var twins = new TickTwins(Options, frame, Site(incident, frame, subject.Fixes[0].Point));
        twins.SetThreat(Threat(incident, ThreatPhase.Active), Start);
        foreach (var track in incident.Tracks)
        {
            twins.Enrol(track.UnitId, track.Role, Start);
        }

        var (containedFrom, containedTo) = Window(random, incident.DurationS, 0.4);
        var (reassignedFrom, reassignedTo) = Window(random, incident.DurationS, 0.3);
        var next = new int[incident.Tracks.Length];
        for (var second = 1; second <= incident.DurationS; second++)
        {
            var at = Start.AddSeconds(second);
            twins.Tick(at);
            for (var i = 0; i < incident.Tracks.Length; i++)
            {
                var track = incident.Tracks[i];
                while (next[i] < track.Fixes.Length && track.Fixes[next[i]].Second == second)
                {
                    var fix = track.Fixes[next[i]++];
                    twins.Fix(new PositionReport(track.UnitId, ReportSource.Simulator, at, frame.ToGeo(fix.Point), fix.AltitudeM, fix.AccuracyM));
                }
            }

            if (second == containedFrom || second == containedTo)
            {
                twins.SetThreat(Threat(incident, second == containedFrom ? ThreatPhase.Contained : ThreatPhase.Active), at, "barricaded");
            }

            if (second == reassignedFrom || second == reassignedTo)
            {
                twins.ChangeRole(subject.UnitId, second == reassignedFrom ? UnitRole.Perimeter : subject.Role, at);
            }

            foreach (var flag in twins.Flags.Where(f => f.AcknowledgedAt is null).ToList())
            {
                if (random.NextDouble() < 0.05)
                {
                    twins.Acknowledge(flag.Subject, at);
                }
            }
        }

        return twins;
    }

    private static Threat Threat(EvaluationIncident incident, ThreatPhase phase) =>
        new("T1", Origin, incident.ThreatUncertaintyM, phase, incident.ThreatFloor);

    // Some seconds of the incident, in order, in a share of incidents; (0, 0) in the rest.
    private static (int From, int To) Window(Random random, int durationS, double share)
    {
        if (random.NextDouble() >= share)
        {
            return (0, 0);
        }

        var from = random.Next(1, Math.Max(2, durationS / 2));
        return (from, from + random.Next(20, 240));
    }

    // The evaluation's site, with a hot zone around the threat and a casualty collection point where the subject starts.
    private static Site Site(EvaluationIncident incident, LocalFrame frame, LocalPoint subjectStart)
    {
        ImmutableArray<Building> buildings = incident.Building is { } b ? [new Building("B1", "B1", [.. b.Corners.Select(frame.ToGeo)], b.Floors)] : [];
        return new Site("evaluation", Origin, buildings, [Square(frame, "hot", ZoneKind.Hot, new LocalPoint(0, 0), 40), Square(frame, "ccp", ZoneKind.CasualtyCollection, subjectStart, 20)]);
    }

    private static Zone Square(LocalFrame frame, string id, ZoneKind kind, LocalPoint centre, double halfM) =>
        new(id, id, kind, [.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) }.Select(c => frame.ToGeo(new LocalPoint(centre.East + (c.Item1 * halfM), centre.North + (c.Item2 * halfM))))]);
}
