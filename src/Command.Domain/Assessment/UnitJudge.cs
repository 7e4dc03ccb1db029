using Command.Domain.Reports;

namespace Command.Domain.Assessment;

/// <summary>
/// The assessment's working state for one unit: its track, its own noise, its progress anchor, the hold it is in,
/// the building it is in and its shown motion state. Mutable, and owned by <see cref="ClosingAssessment"/> alone.
/// </summary>
internal sealed partial class UnitJudge(string unitId, AssessmentOptions options, SiteBuildings buildings)
{
    private readonly List<double> distances = [];
    private readonly List<DateTimeOffset> distanceTimes = [];
    private ThreatTarget? distancesFor;

    // The walk from the latest fix, where working out its distance gave it: the board's walk, not worked out again.
    private double? latestWalk;
    private Measurement? measured;

    public string UnitId { get; } = unitId;

    public UnitTrack Track { get; } = new();

    public NoiseEstimate Noise { get; } = new();

    /// <summary>
    /// The same, from its fixes inside a building alone: indoor error is several times what the sky gives, and an
    /// estimate over fixes mostly taken outdoors would take a slow radio minutes inside to show it.
    /// </summary>
    public NoiseEstimate IndoorNoise { get; } = new(IndoorNeeded);

    public double? BaseAltitudeM { get; private set; }

    public ProgressAnchor? Anchor { get; private set; }

    public MotionState State { get; private set; } = MotionState.Unknown;

    public DateTimeOffset? StateSince { get; private set; }

    /// <summary>Grace given to the hold that began at <see cref="GraceFor"/>, fixed when it was first confirmed.</summary>
    public double? GraceS { get; private set; }

    public DateTimeOffset? GraceFor { get; private set; }

    /// <summary>The hold the unit is in, if any: a flag raised in it stays until the hold is over.</summary>
    public HoldEpisode? Episode { get; private set; }

    /// <summary>Judged fixes in a row whose tail ruled out closing at walking pace.</summary>
    public int HoldStreak { get; private set; }

    /// <summary>Judged fixes in a row whose tail showed the unit moving away.</summary>
    public int OpeningStreak { get; private set; }

    /// <summary>Judged fixes in a row, in a hold, that showed real progress.</summary>
    public int ProgressStreak { get; private set; }

    /// <summary>The building the unit is in (with a margin for leaving), by id; null outdoors.</summary>
    public string? BuildingId { get; private set; }

    /// <summary>The latest fix at which the unit was arrived at its threat, while it is or until it is judged again.</summary>
    public DateTimeOffset? ArrivedAt { get; private set; }

    /// <summary>Set when the unit fell back from contact, to the time it was last in contact, until that hold is over.</summary>
    public DateTimeOffset? FellBackFrom { get; private set; }

    /// <summary>When the unit came back into contact on its receiver's word that it walked back; null otherwise.</summary>
    public DateTimeOffset? ReturnedAt { get; private set; }

    // Misfits the indoor noise is given from: two, four fixes inside. It only ever raises the unit's noise.
    private const int IndoorNeeded = 2;

    /// <summary>
    /// Takes a fix into the track and measures it; false when it came too soon after the last one to be judged, or
    /// is held back as a possible burst of multipath (see <see cref="HeldBack"/>).
    /// </summary>
    public bool Observe(PositionReport report, Geometry.LocalPoint point, ThreatTarget? target)
    {
        // A report is the device back, whatever becomes of it.
        SignedOff = false;
        if (LatestHeard is { } last && report.FixTime - last < options.TrackSpacing)
        {
            return false;
        }

        var altitude = VerticalMotionShows(report) ? report.AltitudeM : null;
        var sigma = Math.Max(1, report.AccuracyM is { } stated ? stated / Math.Sqrt(2) : options.DefaultAccuracyM);
        var fix = new TrackFix(report.FixTime, point, sigma, altitude, FloorOf(report, point), report.SpeedMps, report.SpeedMps is null ? null : report.CourseDeg);
        if (LatestHeard is { } heard && (fix.Time - heard).TotalSeconds > (Track.CadenceS is null ? options.LongestStatedStale.TotalSeconds : AllowedSilenceS))
        {
            // Silent beyond its cadence, or before it has one beyond the longest any report may say its fix stands (a slow
            // radio's second report is its cadence, not a silence). The silence is no interval of its cadence: a unit
            // heard again after 15 minutes reported "every 899 s" and was not shown stale again for 45 minutes. Heard
            // again elsewhere, or saying it moves, what it did unheard is not known.
            silenceEndedAt = fix.Time;
            if (AfreshAfterSilence(fix))
            {
                HeardAgain(fix);
            }
        }

        return TakeOrHoldBack(new HeldBackFix(fix, report.StaleAt), target);
    }

    /// <summary>
    /// Where the unit stands, for the zones it is in: the middle (east and north apart) of its latest three fixes, so
    /// that one fix thrown across a zone's edge does not take it in or out; and how far inside a zone that must be for
    /// the unit to be taken in, twice how well its noise lets the middle be known (at most the exit margin), so that an
    /// officer holding a few metres outside is not taken in on the noise of three fixes. While its receiver says it
    /// stands still under the sky (see <see cref="SaysItStandsStill"/>), the middle of its latest seven: a burst of
    /// multipath drags three reports in a row, and took an officer waiting by a building's wall into it, clearing the
    /// hot zone's flag on him. Null before it has any fix.
    /// </summary>
    public (Geometry.LocalPoint Point, double EntryMarginM)? Standing()
    {
        var fixes = Track.Fixes;
        if (fixes.Count == 0)
        {
            return null;
        }

        var count = Math.Min(fixes.Count >= StillStandingFixes && SaysItStandsStill() ? StillStandingFixes : StandingFixes, fixes.Count);
        var margin = Math.Min(options.ZoneExitMarginM, Z * MedianEfficiency * NoiseM(fixes) / Math.Sqrt(count));
        return (count < StandingFixes ? fixes[^1].Point : MiddleOfLatest(fixes, count), margin);
    }

    // The middle (east and north apart) of the latest count fixes.
    private static Geometry.LocalPoint MiddleOfLatest(IReadOnlyList<TrackFix> fixes, int count)
    {
        Span<double> east = stackalloc double[count];
        Span<double> north = stackalloc double[count];
        for (var i = 0; i < count; i++)
        {
            (east[i], north[i]) = (fixes[fixes.Count - count + i].Point.East, fixes[fixes.Count - count + i].Point.North);
        }

        return new Geometry.LocalPoint(Median(east), Median(north));
    }

    // The fixes the middle of which is where a unit stands; and where its receiver says it stands still, more than
    // twice as many as a burst of multipath lasts.
    private const int StandingFixes = 3;
    private const int StillStandingFixes = 7;

    // Takes a fix into the track, with what its report said, and measures it.
    private void Take(HeldBackFix taken, ThreatTarget? target)
    {
        var fix = taken.Fix;
        BaseAltitudeM ??= fix.AltitudeM;
        StaleAt = taken.StaleAt;
        StatedSpeedMps = fix.SpeedMps;
        StatedMoving |= fix.SpeedMps >= options.HoldSpeedMps;
        if (HeardAgainAt == fix.Time)
        {
            Track.Resume(fix);
        }
        else
        {
            Track.Add(fix, TimeSpan.FromSeconds(Math.Max(WindowS, HoldEvidenceS)), WindowFixes, MostKeptFixes, countsToCadence: silenceEndedAt != fix.Time);
        }

        if (Track.Count >= 3)
        {
            Noise.Observe(Track.Fixes[^3], Track.Fixes[^2], Track.Fixes[^1]);
            if (buildings.Containing(Track.Fixes[^2].Point) is not null)
            {
                IndoorNoise.Observe(Track.Fixes[^3], Track.Fixes[^2], Track.Fixes[^1]);
            }
        }

        measured = null;
        if (target is null)
        {
            Anchor = null;
            return;
        }

        Measure(target, advance: true, commit: true);
    }

    /// <summary>The measurement against a target, changing nothing.</summary>
    public Measurement? Measure(ThreatTarget? target) => target is null || Track.Count == 0 ? null : Measure(target, advance: false, commit: false);

    /// <summary>Re-measures the progress anchor against a placed or moved threat (event processing only).</summary>
    public void Reanchor(ThreatTarget? target)
    {
        measured = null;
        if (target is not null && Anchor is { } a && !target.Matches(a))
        {
            // Left behind by a moved threat is not falling back from contact.
            ArrivedAt = null;
        }

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
        EndHold();
        ArrivedAt = null;
        if (Track.Count > 0)
        {
            Measure(target, advance: false, commit: true);
            Anchor = Anchor! with { JudgedFrom = at };
        }
    }

    /// <summary>The hold is over without progress to show for it (the unit was reassigned): the next one is a new hold.</summary>
    public void EndHold()
    {
        Episode = null;
        FellBackFrom = null;
        HoldStreak = 0;
        OpeningStreak = 0;
        ProgressStreak = 0;
        measured = null;
    }

    /// <summary>True when the unit has been silent longer than its learned cadence allows, or its device signed off.</summary>
    public bool IsStale(DateTimeOffset now)
    {
        if (Track.Count == 0)
        {
            return false;
        }

        return SignedOff || (now - LatestHeard!.Value).TotalSeconds > AllowedSilenceS;
    }

    /// <summary>True from its device's sign-off until its next report.</summary>
    public bool SignedOff { get; private set; }

    /// <summary>
    /// The unit's device signed off: it reports no more, so the unit is silent from now, whatever its latest report said
    /// of how long its fix stands (ATAK standing still says three minutes). Its next report ends it.
    /// </summary>
    public void SignOff() => SignedOff = Track.Count > 0;

    /// <summary>Sets the shown motion state with hysteresis; returns true when it changed.</summary>
    public bool Settle(DateTimeOffset now, Measurement? m)
    {
        var next = NextState(now, m);
        if (next == MotionState.Arrived)
        {
            ReturnedAt = State == MotionState.Arrived ? ReturnedAt : m!.Arrival.WalkedBack ? Track.Latest.Time : null;
            ArrivedAt = Track.Latest.Time;
            Episode = null;
            FellBackFrom = null;
        }
        else if (State == MotionState.Arrived && next != MotionState.Stale && m is not null && ArrivedAt is { } last && !AfterSilence)
        {
            // Fell back from contact: judged again from the last fix in contact, progress measured from the contact
            // radius, so the fall back itself shows as moving away.
            FellBackFrom = m.Arrival.WalkedOff?.From ?? last;
            Anchor = new ProgressAnchor(last, m.Target.ArrivalRadiusM, 0, m.Target.Threat.ThreatId, m.Target.Point, m.Target.Floor, Anchor?.JudgedFrom, Anchor?.ClearedAt);

            // A hold the fixes showed while in contact says the unit stood still, not where: it is no fall back.
            Episode = null;
            measured = null;
        }

        if (Episode is null && FellBackFrom is null && next is not (MotionState.Arrived or MotionState.Stale) && m is { Arrival.Left: true, Progressing: false }
            && PlainlyOutAtLatest(m) && StillAtItsWord(now))
        {
            // Its fixes have not shown a hold yet, but the unit said it stands still and its silence since bears that
            // out: it holds, from that report on. A device that reports by its speed sends every 180 s standing still
            // through a TAK server, and its fixes alone showed the hold minutes late. Where it said so must be plainly
            // out of contact itself, and so must the fix before: a slow device's settled position still lags its walk
            // in when it stops at the threat, and one stray fix of a unit in contact says nothing.
            Episode = new HoldEpisode(Track.Latest.Time, [m.DistanceM], SaidStill: true, HeldOutside: HoldsOutside(m.Target), StoppedAtM: m.DistanceM);
            measured = null;
            next = MotionState.Holding;
        }

        if (FellBackFrom is { } from && Episode is null && next is not (MotionState.Arrived or MotionState.Stale) && m is { Arrival.Left: true })
        {
            // Plainly out of contact, however noisy the unit: that is the evidence of the fall back, with no need to
            // wait for its fixes to rule out closing. It is a hold from the last fix in contact.
            Episode = new HoldEpisode(from, [m.DistanceM], FellBack: true, WalkedOff: m.Arrival.WalkedOff?.Walk);
            measured = null;
            next = next == MotionState.Holding || m.Arrival.WalkedOff is not null ? MotionState.Opening : next;
        }

        if (next == State)
        {
            return false;
        }

        State = next;
        StateSince = Episode is { } hold && next is MotionState.Holding or MotionState.Opening ? hold.Since : now;
        return true;
    }

    // Whether the unit stands outside the threat's building, where the threat is in one: a hold begun there is held outside.
    private bool HoldsOutside(ThreatTarget target) => target.Building is { } building && buildings.IndexOf(BuildingId) != building;

    // The unit is in the building the threat is in, as last committed: its fixes are measured from inside it.
    private bool InThreatsBuilding(ThreatTarget target) => target.Building is { } building && buildings.IndexOf(BuildingId) == building;

    // The latest fix came after a silence longer than the unit's cadence allows, held off only by what its report said:
    // one fix after minutes says nothing of when it left contact, and a fall back is flagged from the last fix there.
    // It is judged as after any silence, afresh from its fixes.
    private bool AfterSilence => Track.Count > 0
        && (HeardAgainAt == Track.Latest.Time || (Track.Count >= 2 && (Track.Latest.Time - Track.Fixes[^2].Time).TotalSeconds > LearnedSilenceS));

    /// <summary>
    /// When the unit was last heard again after a silence longer than it was allowed (it was stale), somewhere other than
    /// where it stood when last heard: its track starts afresh there, for what it did unheard is not known, and a hold its
    /// fixes show counts from there at the earliest. Heard again where it stood, it held through the silence.
    /// A flag raised before the silence stays up, as silence leaves it. Before, an officer walking in at 1.5 m/s whose
    /// radio went unheard for 5 minutes (the host it reached was down) was heard again 27 m nearer and still walking,
    /// and was alerted on his second report as "holding 5 min": the line through his fixes spanned the silence.
    /// </summary>
    public DateTimeOffset? HeardAgainAt { get; private set; }

    // Whether a unit heard again after a silence with this fix is judged afresh from it: where its report says it moves
    // (one heard again 10 m nearer saying it walks at 1.5 m/s was alerted at once as "holding 3 min"), or where it lies
    // away from where the unit stood when last heard, unless its receiver, which has said the unit moved before, says it
    // stands still: Traccar Client reports once it has seen five minutes of stillness, and is heard from nowhere else;
    // its word holds the unit from that report, as it always has. Heard again where it stood, it held through the
    // silence, as far as anyone can tell.
    private bool AfreshAfterSilence(TrackFix fix) => fix.SpeedMps is { } speed
        ? speed >= options.HoldSpeedMps || (!StatedMoving && !WhereLastHeard(fix))
        : !WhereLastHeard(fix);

    // Whether a fix lies where the unit stood when last heard (the middle of its latest fixes), within its noise.
    private bool WhereLastHeard(TrackFix fix) =>
        Standing() is { } standing && fix.Point.DistanceTo(standing.Point) <= Math.Max(SamePlaceM, SamePlaceNoises * NoiseM(Track.Fixes));

    // How near where it was last heard a unit heard again after a silence must be to have stayed there: metres, and its noise.
    private const double SamePlaceM = 15;
    private const double SamePlaceNoises = 3;

    // The fix that ended the unit's latest silence, as it is taken: its gap is no interval of its cadence.
    private DateTimeOffset? silenceEndedAt;

    // The track still starts at the fix the unit was heard again with: it holds only the fixes since.
    private bool TakenUpAfresh => HeardAgainAt is { } again && Track.Count > 0 && Track.Fixes[0].Time == again;

    private void HeardAgain(TrackFix fix)
    {
        HeardAgainAt = fix.Time;
        heldBack.Clear();
        if (Episode is null)
        {
            // Progress counts from where it is heard again, as it does where a threat goes active.
            Anchor = null;
            HoldStreak = 0;
            OpeningStreak = 0;
            ProgressStreak = 0;
        }
    }

    // The latest two fixes are beyond the radius and its hysteresis by two and a half times the unit's noise: one stray
    // fix of a unit in contact is not where it stands.
    private bool PlainlyOutAtLatest(Measurement m)
    {
        var beyond = options.ContactRadiusM + options.ArrivalHysteresisM + (LeftZ * m.NoiseM);
        return distancesFor == m.Target && distances.Count >= 2 && distances[^1] > beyond && distances[^2] > beyond;
    }

    /// <summary>Fixes the grace of the current hold the first time it is confirmed.</summary>
    public double FixGrace(double? backupEtaS)
    {
        var since = Episode?.Since ?? Anchor?.Time;
        if (since is { } start && GraceFor != start)
        {
            GraceFor = start;
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

        if (State == MotionState.Arrived ? m.Arrival.Kept : m.Arrival.Reached)
        {
            return MotionState.Arrived;
        }

        if (m.Progressing)
        {
            // Real progress ended the hold: the unit is closing, whatever a rate window that still spans the hold says.
            return MotionState.Closing;
        }

        if (Episode is { } hold)
        {
            // In a hold the unit is shown closing only once it makes real progress, which ends the hold. A unit that fell
            // back from contact is shown moving away for as long as that hold lasts. Any other is shown moving away
            // once its fixes since the hold began have shown it on as many fixes in a row as a burst of multipath lasts
            // and its rate shows it too, and holding again once neither does: its flag's state turns, and an
            // acknowledged flag comes back, when the unit turns, not on a burst or a wobble of its rate. One whose
            // receiver says it heads away is shown so at once: no burst gives a receiver a velocity.
            var fixesAway = m.Confirmed && m.Opening;
            var rateAway = m.RateMps < -options.MovingRateMps;
            var away = hold.FellBack
                || (State == MotionState.Opening ? fixesAway || rateAway : (fixesAway && OpeningStreak >= BurstFixes && rateAway) || m.SaidAway);
            return away ? MotionState.Opening : MotionState.Holding;
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

    /// <summary>
    /// Whether a report's altitude can show a unit climbing (stairs, floors on the walk graph): only with a vertical
    /// accuracy stated at half a floor or better, as a barometer gives. A phone's GPS altitude wanders by 5-15 m (an
    /// ATAK self-report sends it as <c>hae</c> with <c>le</c> unknown): taken as a climb, it ended every hold a few fixes
    /// in, and a unit standing 80 m out was never flagged.
    /// </summary>
    private bool VerticalMotionShows(PositionReport report) =>
        report.AltitudeM is not null && report.VerticalAccuracyM is { } vertical && vertical <= options.FloorHeightM / 2;

    // The floor a report puts the unit on, where it is really known: stated by the source, or worked out from its
    // altitude in the building it is in.
    private int? FloorOf(PositionReport report, Geometry.LocalPoint point)
    {
        if (report.Floor is { } stated)
        {
            return stated;
        }

        var building = buildings.IndexOf(BuildingId) ?? buildings.Containing(point);
        var previous = Track.Count > 0 ? Track.Latest.Floor : null;
        return building is { } b ? buildings.FloorOf(b, report.AltitudeM, report.AltitudeDatum, report.VerticalAccuracyM, previous) : null;
    }
}
