namespace Command.Domain.Assessment;

internal sealed partial class UnitJudge
{
    /// <summary>
    /// Seconds the unit may be silent after its latest fix before it is stale: <see cref="AssessmentOptions.StaleCadences"/>
    /// of its learned cadence, and at least <see cref="AssessmentOptions.StaleAfter"/>; or as long as its latest report
    /// said it stands, up to <see cref="AssessmentOptions.LongestStatedStale"/>. A device that reports less often while
    /// it stands still says so: learned from its walk in, its cadence had it stale minutes before its next report, and
    /// a stale unit's hold is neither flagged nor escalated.
    /// </summary>
    private double AllowedSilenceS => Math.Max(
        LearnedSilenceS,
        StaleAt is { } stated ? Math.Min((stated - Track.Latest.Time).TotalSeconds, options.LongestStatedStale.TotalSeconds) : 0);

    /// <summary>True when the unit has been silent longer than its learned cadence allows, whatever its report said, or its device signed off.</summary>
    public bool Overdue(DateTimeOffset now) => LatestHeard is { } last && (SignedOff || (now - last).TotalSeconds > LearnedSilenceS);

    /// <summary>
    /// Whether, at <paramref name="now"/>, the unit has been silent longer than its learned cadence allows and is kept from
    /// being shown stale only by how long its latest report said its fix stands, without being taken at its word that it
    /// stands still (it never said it moved): its hold is not grown by the clock, so the board says it is not heard. A
    /// TAK gateway that stamps a stale a day away would otherwise show "holding 35 s" for ten minutes.
    /// </summary>
    public bool UnheardWhileItsFixStands(DateTimeOffset now) => Overdue(now) && !SignedOff && !ShownStale(now) && !StillAtItsWord(now);

    /// <summary>
    /// True when the board shows the unit stale at <paramref name="now"/>: silent longer than it may be, or judged stale
    /// and not judged since. Where it is is no longer known: it is neither flagged for a hold nor counted in a zone.
    /// </summary>
    public bool ShownStale(DateTimeOffset now) => State == MotionState.Stale || IsStale(now);

    // ... by its learned cadence alone.
    private double LearnedSilenceS => Math.Max(options.StaleAfter.TotalSeconds, options.StaleCadences * (Track.CadenceS ?? 0));

    /// <summary>Until when the unit's latest kept report said its fix stands, where it said.</summary>
    public DateTimeOffset? StaleAt { get; private set; }

    /// <summary>The ground speed the unit's latest kept report stated, where it stated one.</summary>
    public double? StatedSpeedMps { get; private set; }

    /// <summary>
    /// True once one of the unit's reports stated a speed of walking pace or more: its device measures its speed, and
    /// says so when it moves. ATAK on a phone that measures none reports at its still rate whatever the officer does.
    /// </summary>
    public bool StatedMoving { get; private set; }

    /// <summary>
    /// Until when the unit is taken at its word that it stands still: its latest report stated a speed below
    /// <see cref="AssessmentOptions.HoldSpeedMps"/> and how long its fix stands, and an earlier one that it moved.
    /// Null otherwise.
    /// </summary>
    private DateTimeOffset? StillUntil =>
        StatedMoving && StatedSpeedMps is { } speed && speed < options.HoldSpeedMps && StaleAt is { } stale && Track.Count > 0
            ? Track.Latest.Time.AddSeconds(Math.Min((stale - Track.Latest.Time).TotalSeconds, options.LongestStatedStale.TotalSeconds))
            : null;

    /// <summary>
    /// The unit said it stands still and has not reported since for <see cref="SaidStillShownS"/>, and its fix still
    /// stands at <paramref name="now"/>: a device that reports by its speed (ATAK's default) would have reported again
    /// within 20 s had it moved on, even with one report lost.
    /// </summary>
    private bool StillAtItsWord(DateTimeOffset now) =>
        StillUntil is { } until && now < until && (now - Track.Latest.Time).TotalSeconds >= SaidStillShownS;

    // Silence after a report that said the unit stood still that shows it still stands: two of ATAK's slowest reports
    // on the move (20 s), and a little.
    private const double SaidStillShownS = 45;

    /// <summary>
    /// Seconds the unit has held by <paramref name="now"/>: to its latest fix, or, while its latest report said it stands
    /// still and its fix stands, on to <paramref name="now"/>.
    /// </summary>
    public double HeldS(Measurement m, DateTimeOffset now)
    {
        if (Episode is not { } hold)
        {
            return 0;
        }

        return StillUntil is { } until && now > Track.Latest.Time
            ? Math.Max(m.HoldS, ((now < until ? now : until) - hold.Since).TotalSeconds)
            : m.HoldS;
    }

    /// <summary>
    /// When the passage of time alone next changes what the unit's word that it stands still says: while it holds, every
    /// second its hold grows, until its fix no longer stands; before, when its silence shows it. Null when it said no
    /// such thing, or is in no hold once its silence could have shown one: only its next fix changes that. (A hold its
    /// reports had begun grew only to the next report once the silence was due: ATAK over the mesh reports every 30 s
    /// standing still, and its hold's alert came a report late.)
    /// </summary>
    public DateTimeOffset? StillChangesAt(DateTimeOffset now)
    {
        if (StillUntil is not { } until || now >= until)
        {
            return null;
        }

        // In a hold its hold grows every second; before, its silence shows it first.
        var shown = Track.Latest.Time.AddSeconds(SaidStillShownS);
        return Episode is not null ? now.AddSeconds(1) : now < shown ? shown : null;
    }

    /// <summary>
    /// The first instant at which <see cref="IsStale"/> turns true, or null when time alone will not turn it (no fix
    /// yet, or stale already at <paramref name="now"/>): the only part of the judgement the clock moves by itself.
    /// </summary>
    public DateTimeOffset? StaleFrom(DateTimeOffset now)
    {
        if (Track.Count == 0 || IsStale(now))
        {
            return null;
        }

        // The fewest ticks of silence that IsStale, comparing seconds as doubles, counts as longer than allowed.
        var allowed = AllowedSilenceS;
        var ticks = (long)(allowed * TimeSpan.TicksPerSecond);
        while (TimeSpan.FromTicks(ticks).TotalSeconds > allowed)
        {
            ticks--;
        }

        while (TimeSpan.FromTicks(ticks).TotalSeconds <= allowed)
        {
            ticks++;
        }

        return LatestHeard!.Value + TimeSpan.FromTicks(ticks);
    }

    /// <summary>Everything judging the unit may change in it: the same mark before and after means it changed nothing.</summary>
    public JudgeMark Mark => new(State, StateSince, Episode, Anchor, FellBackFrom, ArrivedAt, GraceFor, GraceS, HoldStreak, ProgressStreak, OpeningStreak);
}

/// <summary>The part of a <see cref="UnitJudge"/>'s state that judging it may change; compared by value.</summary>
internal readonly record struct JudgeMark(
    MotionState State,
    DateTimeOffset? StateSince,
    HoldEpisode? Episode,
    ProgressAnchor? Anchor,
    DateTimeOffset? FellBackFrom,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? GraceFor,
    double? GraceS,
    int HoldStreak,
    int ProgressStreak,
    int OpeningStreak);
