using Command.Domain.Reports;

namespace Command.Domain.Assessment;

/// <summary>
/// The assessment's working state for one unit: its track, its progress anchor and its shown motion state.
/// Mutable, and owned by <see cref="ClosingAssessment"/> alone.
/// </summary>
internal sealed partial class UnitJudge(string unitId, AssessmentOptions options)
{
    private readonly List<double> distances = [];
    private readonly List<DateTimeOffset> distanceTimes = [];
    private ThreatTarget? distancesFor;
    private Measurement? measured;

    public string UnitId { get; } = unitId;

    public UnitTrack Track { get; } = new();

    public double? BaseAltitudeM { get; private set; }

    public ProgressAnchor? Anchor { get; private set; }

    public MotionState State { get; private set; } = MotionState.Unknown;

    public DateTimeOffset? StateSince { get; private set; }

    /// <summary>Grace given to the hold that began at <see cref="GraceFor"/>, fixed when it was first confirmed.</summary>
    public double? GraceS { get; private set; }

    public DateTimeOffset? GraceFor { get; private set; }

    /// <summary>Takes a fix into the track and measures it; false when it came too soon after the last kept one to be judged.</summary>
    public bool Observe(PositionReport report, Geometry.LocalPoint point, ThreatTarget? target)
    {
        if (Track.Count > 0 && report.FixTime - Track.Latest.Time < options.TrackSpacing)
        {
            return false;
        }

        BaseAltitudeM ??= report.AltitudeM;
        var sigma = Math.Max(1, report.AccuracyM ?? options.DefaultAccuracyM);
        var keep = options.RateWindow > options.SmoothingWindow ? options.RateWindow : options.SmoothingWindow;
        Track.Add(new TrackFix(report.FixTime, point, sigma, report.AltitudeM), keep, options.RateWindowFixes);
        measured = null;
        if (target is null)
        {
            Anchor = null;
            return true;
        }

        Measure(target, advance: true, commit: true);
        return true;
    }

    /// <summary>The measurement against a target, changing nothing.</summary>
    public Measurement? Measure(ThreatTarget? target) => target is null || Track.Count == 0 ? null : Measure(target, advance: false, commit: false);

    /// <summary>Re-measures the progress anchor against a placed or moved threat (event processing only).</summary>
    public void Reanchor(ThreatTarget? target)
    {
        measured = null;
        if (target is not null && Track.Count > 0)
        {
            Measure(target, advance: false, commit: true);
        }
    }

    /// <summary>
    /// The threat the unit is measured against has just gone active: progress counts from the unit's latest fix,
    /// and its motion state is worked out afresh, so nothing from before the threat was active counts as a hold.
    /// </summary>
    public void Engage(ThreatTarget target, DateTimeOffset at)
    {
        measured = null;
        Anchor = null;
        State = MotionState.Unknown;
        StateSince = at;
        if (Track.Count > 0)
        {
            Measure(target, advance: false, commit: true);
        }
    }

    /// <summary>True when the unit has been silent longer than its learned cadence allows.</summary>
    public bool IsStale(DateTimeOffset now)
    {
        if (Track.Count == 0)
        {
            return false;
        }

        var allowed = Math.Max(options.StaleAfter.TotalSeconds, options.StaleCadences * (Track.CadenceS ?? 0));
        return (now - Track.Latest.Time).TotalSeconds > allowed;
    }

    /// <summary>Sets the shown motion state with hysteresis; returns true when it changed.</summary>
    public bool Settle(DateTimeOffset now, Measurement? m)
    {
        var next = NextState(now, m);
        if (next == State)
        {
            return false;
        }

        State = next;
        StateSince = m is { Confirmed: true } && Anchor is { } a && next is MotionState.Holding or MotionState.Opening ? a.Time : now;
        return true;
    }

    /// <summary>Fixes the grace of the current hold the first time it is confirmed.</summary>
    public double FixGrace(double? backupEtaS)
    {
        if (Anchor is { } a && GraceFor != a.Time)
        {
            GraceFor = a.Time;
            GraceS = backupEtaS is { } eta && eta <= options.GraceCap.TotalSeconds ? eta : 0;
        }

        return GraceS ?? 0;
    }

    private MotionState NextState(DateTimeOffset now, Measurement? m)
    {
        if (Track.Count == 0)
        {
            return MotionState.Unknown;
        }

        if (IsStale(now))
        {
            return MotionState.Stale;
        }

        if (m is null)
        {
            return MotionState.Unknown;
        }

        // Arrival needs two smoothed fixes inside the radius; leaving it, two outside the radius and the margin.
        var arrived = State == MotionState.Arrived
            ? m.LowM <= m.Target.ArrivalRadiusM + options.ArrivalHysteresisM
            : m.HighM <= m.Target.ArrivalRadiusM;
        if (arrived)
        {
            return MotionState.Arrived;
        }

        if (m.Confirmed)
        {
            return m.Opening ? MotionState.Opening : MotionState.Holding;
        }

        if (m.RateMps is not { } rate)
        {
            return MotionState.Unknown;
        }

        var stay = options.MovingRateMps / 2;
        return rate > options.MovingRateMps || (State == MotionState.Closing && rate > stay) ? MotionState.Closing
            : rate < -options.MovingRateMps || (State == MotionState.Opening && rate < -stay) ? MotionState.Opening
            : MotionState.Holding;
    }
}
