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
        Math.Max(options.StaleAfter.TotalSeconds, options.StaleCadences * (Track.CadenceS ?? 0)),
        StaleAt is { } stated ? Math.Min((stated - Track.Latest.Time).TotalSeconds, options.LongestStatedStale.TotalSeconds) : 0);

    /// <summary>Until when the unit's latest kept report said its fix stands, where it said.</summary>
    public DateTimeOffset? StaleAt { get; private set; }

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

        return Track.Latest.Time + TimeSpan.FromTicks(ticks);
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
