using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;

namespace Command.Evaluation.Harness;

/// <summary>A flag event from a run: which unit, what happened, at which second of its incident.</summary>
public sealed record FlagMark(string Subject, string Kind, FlagLevel Level, int Second, string Reason = "");

/// <summary>A unit's shown motion state from a second of its incident on.</summary>
public sealed record StateMark(string UnitId, MotionState State, int Second);

/// <summary>
/// How the fixes of a run's quick devices (every 5 s or faster) fared as they came: how many were held back as possible
/// multipath, of those that were multipath and of those that were not (a report held back leaves the unit shown where
/// it was).
/// </summary>
public readonly record struct HeldBackTally(int Genuine, int GenuineHeld, int Multipath, int MultipathHeld)
{
    public static HeldBackTally operator +(HeldBackTally a, HeldBackTally b) =>
        new(a.Genuine + b.Genuine, a.GenuineHeld + b.GenuineHeld, a.Multipath + b.Multipath, a.MultipathHeld + b.MultipathHeld);

    /// <summary>One fix more: multipath or not, held back or taken in.</summary>
    public HeldBackTally With(bool multipath, bool held) => multipath
        ? this with { Multipath = Multipath + 1, MultipathHeld = MultipathHeld + (held ? 1 : 0) }
        : this with { Genuine = Genuine + 1, GenuineHeld = GenuineHeld + (held ? 1 : 0) };
}

/// <summary>What a run of one incident derived: its flag events, its units' motion states and how its fixes fared.</summary>
public sealed record RunMarks(ImmutableArray<FlagMark> Flags, ImmutableArray<StateMark> States, HeldBackTally HeldBack = default)
{
    /// <summary>A unit's shown state at a second (unknown before its first).</summary>
    public MotionState StateAt(string unitId, int second) =>
        States.LastOrDefault(s => s.UnitId == unitId && s.Second <= second)?.State ?? MotionState.Unknown;
}

/// <summary>
/// Runs incidents through <see cref="IncidentStream"/>, the loop the incident grain runs: fixes as they come, the
/// clock ticking at every second of incident time.
/// </summary>
public static class EvaluationRun
{
    /// <summary>Where every incident's threat is.</summary>
    public static readonly GeoPoint Origin = new(40.0, -75.0);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // Devices reporting this often or more are quick: the assessment holds their reports back as possible multipath.
    private const int QuickCadenceS = 5;

    /// <param name="incident">The incident to run.</param>
    /// <param name="options">The doctrine; the defaults when null.</param>
    /// <param name="watch">Called after every second with the projection, to trace a run.</param>
    public static RunMarks Run(EvaluationIncident incident, AssessmentOptions? options = null, Action<int, IncidentProjection>? watch = null)
    {
        var stream = new IncidentStream(options);
        var frame = new LocalFrame(Origin);
        var marks = ImmutableArray.CreateBuilder<FlagMark>();
        var states = ImmutableArray.CreateBuilder<StateMark>();
        var shown = new Dictionary<string, MotionState>(StringComparer.Ordinal);
        var recorded = new List<IncidentEvent>();
        var second = 0;
        void Mark()
        {
            foreach (var derived in recorded.Where(e => e.IsDerived))
            {
                marks.Add(derived switch
                {
                    FlagRaised r => new FlagMark(r.Subject, "raised", r.Level, second, r.Reason),
                    FlagEscalated x => new FlagMark(x.Subject, "escalated", x.Level, second),
                    FlagCleared c => new FlagMark(c.Subject, "cleared", FlagLevel.None, second, c.Reason),
                    _ => new FlagMark("", derived.GetType().Name, FlagLevel.None, second),
                });
            }

            recorded.Clear();
        }

        void Feed(IncidentEvent e) => stream.Record(e, Start.AddSeconds(second), recorded);

        Feed(new IncidentOpened($"eval-{incident.Index}", incident.Kind, SiteOf(incident, frame), false, "evaluation", IncidentSchema.Current, AssessmentRules.Current, options));
        Feed(new ThreatSet(new Threat("T1", Origin, incident.ThreatUncertaintyM, ThreatPhase.Active, incident.ThreatFloor), "evaluation"));
        foreach (var track in incident.Tracks)
        {
            Feed(new UnitEnrolled(track.UnitId, track.UnitId, track.Role, "evaluation"));
        }

        Mark();
        var next = new int[incident.Tracks.Length];
        var heldBack = default(HeldBackTally);
        for (second = 1; second <= incident.DurationS; second++)
        {
            for (var i = 0; i < incident.Tracks.Length; i++)
            {
                var track = incident.Tracks[i];
                while (next[i] < track.Fixes.Length && track.Fixes[next[i]].Second == second)
                {
                    var fix = track.Fixes[next[i]++];
                    // A unit that climbs carries a barometer's altitude, good to half a metre, and says so.
                    Feed(new PositionAccepted(new PositionReport(track.UnitId, ReportSource.Simulator, Start.AddSeconds(second),
                        frame.ToGeo(fix.Point), fix.AltitudeM, fix.AccuracyM, fix.SpeedMps, fix.CourseDeg, VerticalAccuracyM: fix.AltitudeM is null ? null : SensorModel.BarometerM,
                        StaleAt: fix.StandsS is { } stands ? Start.AddSeconds(second + stands) : null)));
                    // Right after it, the unit is shown where its track is if this one was held back. Only a quick
                    // device's reports are ever held back.
                    if (track.CadenceS <= QuickCadenceS)
                    {
                        heldBack = heldBack.With(fix.Multipath, stream.Projection.Assess(track.UnitId)?.HeldAt is not null);
                    }
                }
            }

            stream.Tick(Start.AddSeconds(second), recorded);
            Mark();
            foreach (var unit in stream.Projection.AssessAll())
            {
                if (!shown.TryGetValue(unit.UnitId, out var was) || was != unit.State)
                {
                    shown[unit.UnitId] = unit.State;
                    states.Add(new StateMark(unit.UnitId, unit.State, second));
                }
            }

            watch?.Invoke(second, stream.Projection);
        }

        return new RunMarks(marks.ToImmutable(), states.ToImmutable(), heldBack);
    }

    /// <summary>The incident's site: its threat's building, if any, with its walk graph where it has one.</summary>
    public static Site SiteOf(EvaluationIncident incident, LocalFrame frame) => incident.Building is { } b
        ? new Site("evaluation", Origin, [new Building("B1", "B1", [.. b.Corners.Select(frame.ToGeo)], b.Floors)], [],
            incident.DoorBearingRad is { } door ? Walks(b, door, frame) : null)
        : new Site("evaluation", Origin, [], []);

    // A door in the wall on the bearing, and the room at the threat on every floor, the floors joined by a stair well.
    private static WalkGraph Walks(EvaluationBuilding building, double bearingRad, LocalFrame frame)
    {
        var wall = building.WallAlong(bearingRad);
        var door = new WalkNode("door", frame.ToGeo(new LocalPoint(wall * Math.Sin(bearingRad), wall * Math.Cos(bearingRad))), 0, "door");
        var rooms = Enumerable.Range(0, building.Floors).Select(f => new WalkNode($"room-{f}", Origin, f, "corridor")).ToList();
        return new WalkGraph(
            [door, .. rooms],
            [new WalkEdge("door", "room-0"), .. rooms.Skip(1).Select((room, f) => new WalkEdge(rooms[f].NodeId, room.NodeId))]);
    }
}
