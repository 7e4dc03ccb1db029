using Command.Domain.Events;

namespace Command.Domain.Assessment;

/// <summary>
/// The flags up on every subject (units and zones), and the transitions between them. Flags do not step down
/// while their situation lasts: they escalate, and clear only when the situation that raised them has ended.
/// </summary>
internal sealed class FlagBook(AssessmentOptions options)
{
    private readonly Dictionary<string, RaisedFlag> flags = new(StringComparer.Ordinal);

    /// <summary>
    /// False while the incident replays rules this build no longer derives: the rules' transitions are passed over,
    /// and the book holds the flags the recording raised (<see cref="Fold"/>).
    /// </summary>
    public bool Derives { get; set; } = true;

    public RaisedFlag? this[string subject] => flags.GetValueOrDefault(subject);

    public IEnumerable<RaisedFlag> All => flags.Values;

    /// <summary>
    /// Moves a subject's flag toward <paramref name="level"/> (never down) for <paramref name="motion"/>, and
    /// brings an acknowledged flag back when the subject does worse than it did when it was acknowledged (a unit
    /// acknowledged holding moves away) or the acknowledgement ran out. A unit acknowledged moving away that stops, or
    /// turns back toward the threat, is doing better: bringing its flag back just as the officer re-engages told the
    /// commander nothing new and cost the quiet the acknowledgement was for.
    /// </summary>
    public void Hold(string subject, string rule, FlagLevel level, MotionState motion, DateTimeOffset now, Func<string> reason, List<IncidentEvent> events) =>
        Hold(subject, rule, level, motion, now, reason, static r => r(), events);

    /// <summary>
    /// As <see cref="Hold(string, string, FlagLevel, MotionState, DateTimeOffset, Func{string}, List{IncidentEvent})"/>,
    /// its words worked out from <paramref name="state"/> only when they are wanted: judged on every fix, a rule that
    /// passes what its words need and a static lambda allocates nothing while its flag stands.
    /// </summary>
    public void Hold<TState>(string subject, string rule, FlagLevel level, MotionState motion, DateTimeOffset now, TState state, Func<TState, string> reason,
        List<IncidentEvent> events)
    {
        if (!Derives)
        {
            return;
        }

        if (!flags.TryGetValue(subject, out var flag))
        {
            if (level == FlagLevel.None)
            {
                return;
            }

            var text = reason(state);
            flags[subject] = new RaisedFlag(subject, rule, level, text, motion, now, null, null);
            events.Add(new FlagRaised(subject, level, rule, text) { Time = now });
            return;
        }

        var higher = level > flag.Level ? level : flag.Level;
        if (flag.AcknowledgedAt is { } ackedAt &&
            (Worse(motion, flag.AcknowledgedMotion) || now - ackedAt >= options.AcknowledgementLasts))
        {
            var text = reason(state);
            flags[subject] = flag with { Level = higher, Reason = text, Motion = motion, AcknowledgedAt = null, AcknowledgedMotion = null };
            events.Add(new FlagRaised(subject, higher, rule, text) { Time = now });
            return;
        }

        if (higher != flag.Level || motion != flag.Motion)
        {
            var escalated = higher != flag.Level;
            var text = escalated ? reason(state) : flag.Reason;
            flags[subject] = flag with { Level = higher, Reason = text, Motion = motion };
            if (escalated)
            {
                // Under an acknowledgement the escalation is recorded, quietly: the board shows the level either way,
                // and a record without it would show the hold at watch after a restart, a replay or in the report.
                events.Add(new FlagEscalated(subject, higher, rule, text, Acknowledged: flag.AcknowledgedAt is not null) { Time = now });
            }
        }
    }

    // Moving away is worse than anything else a flag is held for: holding, or a zone's condition.
    private static bool Worse(MotionState motion, MotionState? acknowledged) =>
        motion == MotionState.Opening && acknowledged != MotionState.Opening;

    /// <summary>
    /// When the acknowledgement of the subject's flag runs out and <see cref="Hold"/> brings the flag back, if that is
    /// after <paramref name="now"/>; otherwise null.
    /// </summary>
    public DateTimeOffset? AcknowledgementEnds(string subject, DateTimeOffset now) =>
        flags.TryGetValue(subject, out var flag) && flag.AcknowledgedAt is { } ackedAt && ackedAt + options.AcknowledgementLasts > now
            ? ackedAt + options.AcknowledgementLasts
            : null;

    public void Clear(string subject, DateTimeOffset now, Func<string> reason, List<IncidentEvent> events) =>
        Clear(subject, now, reason, static r => r(), events);

    /// <summary>Clears a subject's flag, its words worked out from <paramref name="state"/> only when it has one.</summary>
    public void Clear<TState>(string subject, DateTimeOffset now, TState state, Func<TState, string> reason, List<IncidentEvent> events)
    {
        if (Derives && flags.Remove(subject, out var flag))
        {
            events.Add(new FlagCleared(subject, flag.Rule, reason(state)) { Time = now });
        }
    }

    /// <summary>Takes in a flag transition as a recording made under other rules holds it.</summary>
    public void Fold(IncidentEvent recorded)
    {
        switch (recorded)
        {
            case FlagRaised raised:
                flags[raised.Subject] = new RaisedFlag(raised.Subject, raised.Rule, raised.Level, raised.Reason, MotionState.Unknown, raised.Time, null, null);
                break;
            case FlagEscalated escalated when flags.TryGetValue(escalated.Subject, out var flag):
                flags[escalated.Subject] = flag with { Level = escalated.Level, Reason = escalated.Reason };
                break;
            case FlagCleared cleared:
                flags.Remove(cleared.Subject);
                break;
        }
    }

    /// <summary>Records a commander's acknowledgement; false when the subject has no flag up.</summary>
    public bool Acknowledge(string subject, DateTimeOffset now)
    {
        if (!flags.TryGetValue(subject, out var flag))
        {
            return false;
        }

        flags[subject] = flag with { AcknowledgedAt = now, AcknowledgedMotion = flag.Motion };
        return true;
    }

    public void Restore(IEnumerable<RaisedFlag> snapshot)
    {
        flags.Clear();
        foreach (var flag in snapshot)
        {
            flags[flag.Subject] = flag;
        }
    }
}
