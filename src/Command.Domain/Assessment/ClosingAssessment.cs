using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

/// <summary>
/// Judges each unit against the nearest active threat: distance, closing rate over a window, and motion state.
/// A pure function of what it is told and the event time it is told it at.
/// </summary>
public sealed class ClosingAssessment
{
    private readonly AssessmentOptions options;
    private readonly LocalFrame frame;
    private readonly Dictionary<string, UnitTrack> tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (MotionState State, DateTimeOffset Since)> states = new(StringComparer.Ordinal);

    public ClosingAssessment(AssessmentOptions options, LocalFrame frame)
    {
        this.options = options;
        this.frame = frame;
    }

    public void Observe(PositionReport report) =>
        Track(report.UnitId).Add(report.FixTime, frame.ToLocal(report.Position), report.AccuracyM, options.RateWindow, options.RateWindowFixes);

    /// <summary>Re-evaluates every unit at <paramref name="now"/>; returns the flag transitions it causes.</summary>
    public IReadOnlyList<IncidentEvent> Evaluate(DateTimeOffset now, IReadOnlyCollection<UnitEntry> units, IReadOnlyCollection<Threat> threats)
    {
        foreach (var unit in units)
        {
            var state = Measure(unit, now, threats).State;
            if (!states.TryGetValue(unit.UnitId, out var previous) || previous.State != state)
            {
                states[unit.UnitId] = (state, now);
            }
        }

        return [];
    }

    public UnitAssessment Assess(UnitEntry unit, DateTimeOffset now, IReadOnlyCollection<Threat> threats)
    {
        var m = Measure(unit, now, threats);
        var since = states.TryGetValue(unit.UnitId, out var s) && s.State == m.State ? s.Since : (DateTimeOffset?)null;
        double? eta = m.Rate is > 0 && m.Distance is { } d ? d / m.Rate.Value : null;
        return new UnitAssessment(unit.UnitId, unit.Callsign, unit.Role, unit.LastFix, m.Threat?.ThreatId, m.Distance, null,
            m.Rate, eta, null, m.State, since, FlagLevel.None, null, false);
    }

    private (Threat? Threat, double? Distance, double? Rate, MotionState State) Measure(UnitEntry unit, DateTimeOffset now, IReadOnlyCollection<Threat> threats)
    {
        if (!tracks.TryGetValue(unit.UnitId, out var track) || track.Count == 0)
        {
            return (null, null, null, MotionState.Unknown);
        }

        var here = track.Latest.Point;
        var threat = Nearest(here, threats);
        if (threat is null)
        {
            return (null, null, null, MotionState.Unknown);
        }

        var target = frame.ToLocal(threat.Position);
        var distance = here.DistanceTo(target);
        var rate = ClosingRate(track, target);
        MotionState state;
        if (now - track.Latest.Time > options.StaleAfter)
        {
            state = MotionState.Stale;
        }
        else if (distance <= options.ContactRadiusM + threat.UncertaintyM)
        {
            state = MotionState.Arrived;
        }
        else if (rate is null)
        {
            state = MotionState.Unknown;
        }
        else
        {
            state = rate > options.MovingRateMps ? MotionState.Closing
                : rate < -options.MovingRateMps ? MotionState.Opening
                : MotionState.Holding;
        }

        return (threat, distance, rate, state);
    }

    private Threat? Nearest(LocalPoint here, IReadOnlyCollection<Threat> threats)
    {
        Threat? best = null;
        var bestDistance = double.MaxValue;
        var anyActive = threats.Any(t => t.IsActive);
        foreach (var threat in threats)
        {
            if (anyActive && !threat.IsActive)
            {
                continue;
            }

            var d = here.DistanceSquaredTo(frame.ToLocal(threat.Position));
            if (d < bestDistance)
            {
                best = threat;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Least-squares slope of distance over time across the window; positive when closing.</summary>
    private double? ClosingRate(UnitTrack track, LocalPoint target)
    {
        var fixes = track.Fixes;
        if (fixes.Count < 2 || (fixes.Count < options.RateWindowFixes && fixes[^1].Time - fixes[0].Time < options.RateWindow))
        {
            return null;
        }

        var t0 = fixes[0].Time;
        double n = fixes.Count, st = 0, sd = 0, stt = 0, std = 0;
        foreach (var (time, point, _) in fixes)
        {
            var t = (time - t0).TotalSeconds;
            var d = point.DistanceTo(target);
            st += t;
            sd += d;
            stt += t * t;
            std += t * d;
        }

        var denominator = (n * stt) - (st * st);
        return denominator <= 0 ? null : -((n * std) - (st * sd)) / denominator;
    }

    public AssessmentMemory Capture() => new(
        [.. tracks.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TrackMemory(t.Key, [.. t.Value.Fixes.Select(f => new FixMemory(f.Time, f.Point, f.Accuracy))]))],
        [.. states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new StateMemory(s.Key, s.Value.State, s.Value.Since))]);

    public void Restore(AssessmentMemory memory)
    {
        tracks.Clear();
        states.Clear();
        foreach (var track in memory.Tracks)
        {
            var restored = Track(track.UnitId);
            foreach (var fix in track.Fixes)
            {
                restored.Add(fix.Time, fix.Point, fix.AccuracyM, options.RateWindow, options.RateWindowFixes);
            }
        }

        foreach (var state in memory.States)
        {
            states[state.UnitId] = (state.State, state.Since);
        }
    }

    private UnitTrack Track(string unitId)
    {
        if (!tracks.TryGetValue(unitId, out var track))
        {
            track = new UnitTrack();
            tracks[unitId] = track;
        }

        return track;
    }
}
