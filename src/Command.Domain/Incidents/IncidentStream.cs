using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Incidents;

/// <summary>
/// The one loop of an incident: numbers each input, folds it through the projection (and the assessment inside
/// it), numbers and folds the flag transitions it derives, and hands back everything in sequence order. The
/// incident grain drives it live; replay, catch-up, the evaluation, the benchmarks and the test rigs drive it with
/// recorded or made-up inputs. Because they all fold through this type, a replay reproduces the live stream byte
/// for byte.
/// </summary>
public sealed class IncidentStream
{
    /// <summary>
    /// How long after its last input an incident's clock keeps ticking: 15 minutes. After that nothing can change
    /// but the clock, and every unit has long been stale; the next input takes the clock on from there.
    /// </summary>
    public static readonly TimeSpan TickHorizon = TimeSpan.FromMinutes(15);

    private readonly AssessmentOptions options;
    private readonly List<(long Sequence, Rejection Why)> passedOver = [];

    public IncidentStream(AssessmentOptions? options = null)
    {
        this.options = options ?? AssessmentOptions.Default;
        Projection = new IncidentProjection(this.options);
    }

    /// <summary>The folded state; replaced by <see cref="Restore"/>.</summary>
    public IncidentProjection Projection { get; private set; }

    /// <summary>Sequence of the last event folded: the next input is numbered one past it.</summary>
    public long LastSequence => Projection.LastSequence;

    /// <summary>The incident's clock: the latest event time folded.</summary>
    public DateTimeOffset Clock => Projection.Clock;

    public bool Exists => Projection.Exists;

    /// <summary>True once the incident was closed: it folds nothing more, and its clock stands still.</summary>
    public bool IsClosed => Projection.IsClosed;

    /// <summary>
    /// The time an input given at <paramref name="now"/> is recorded at: now, or the stream's clock where that is later
    /// (event times never go back).
    /// </summary>
    public DateTimeOffset TimeOf(DateTimeOffset now) => now > Clock ? now : Clock;

    /// <summary>Clock ticks folded since this stream was made: a frame's cue that every unit may have aged.</summary>
    public long TicksFolded { get; private set; }

    /// <summary>
    /// Live: numbers <paramref name="input"/> one past the last event and stamps it with <paramref name="now"/>
    /// (or the clock, if <paramref name="now"/> is earlier: event times never go back), folds it and what it derives,
    /// and adds them all to <paramref name="recorded"/> in sequence order. An input outside <see cref="InputLimits"/>
    /// is not folded: a refusal naming why is recorded in its place. An input the fold throws on is recorded as
    /// refused too, and the stream is marked <see cref="Damaged"/>: its state is no longer to be trusted.
    /// </summary>
    /// <returns>Null when the input was folded; otherwise why it was refused.</returns>
    public Rejection? Record(IncidentEvent input, DateTimeOffset now, ICollection<IncidentEvent> recorded)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsDerived)
        {
            throw new ArgumentException($"{input.GetType().Name} is derived by the stream; it is not an input.", nameof(input));
        }

        var at = TimeOf(now);
        if (IsClosed)
        {
            return new Rejection(RejectReason.Closed, $"incident '{Projection.IncidentId}' was closed at {Projection.ClosedAt:O}");
        }

        FoldTicks(at, recorded);
        Adopt(at, recorded);
        if (input is InputRejected refused)
        {
            // Bounded as a whole: a sender's id of 3 million characters, refused as too long, would otherwise be written to
            // the recording, and into every document of it, whole.
            input = refused with
            {
                Detail = RawInput.Cut(refused.Detail, InputLimits.MaxTextChars),
                UnitId = refused.UnitId is { } unitId ? RawInput.CapId(unitId) : null,
                Raw = RawInput.Cap(refused.Raw),
            };
        }
        else if (InputLimits.Check(input) is { } rejection)
        {
            Fold(Refusal(input, rejection) with { Sequence = LastSequence + 1, Time = at }, recorded);
            return rejection;
        }

        var stamped = input with { Sequence = LastSequence + 1, Time = at };
        try
        {
            Fold(stamped, recorded);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The fold may have changed part of the state before it threw: what it holds cannot be trusted, and the
            // input is recorded as refused under the sequence it was given, so a fold of the recording passes it by.
            Damaged = true;
            DamagedBy = ex;
            var unprocessable = new Rejection(RejectReason.Unprocessable, RawInput.Cut($"the incident could not apply it: {ex.GetType().Name}: {ex.Message}", InputLimits.MaxTextChars));
            var instead = Refusal(input, unprocessable) with { Sequence = stamped.Sequence, Time = stamped.Time };
            RemoveFrom(recorded, stamped.Sequence);
            recorded.Add(instead);
            return unprocessable;
        }
    }

    /// <summary>True once a fold threw part-way: the state should be rebuilt from the recording.</summary>
    public bool Damaged { get; private set; }

    /// <summary>What the fold threw, once <see cref="Damaged"/>.</summary>
    public Exception? DamagedBy { get; private set; }

    /// <summary>
    /// Live: moves the clock on to <paramref name="now"/> so silent units age, adding what that derives to
    /// <paramref name="recorded"/>. In a stream of the current schema the clock ticks at every whole second of incident
    /// time up to <paramref name="now"/> (within <see cref="TickHorizon"/> of the last input) and the ticks themselves
    /// are not recorded: replay ticks again at the same seconds. In a stream recorded before that, a tick is an input
    /// like any other.
    /// </summary>
    public void Tick(DateTimeOffset now, ICollection<IncidentEvent> recorded)
    {
        if (!Exists || IsClosed)
        {
            return;
        }

        if (Projection.Schema == IncidentSchema.RecordedTicks)
        {
            Record(new ClockTicked(), now, recorded);
            return;
        }

        FoldTicks(now, recorded);
        Adopt(TimeOf(now), recorded);
    }

    /// <summary>
    /// Live: an incident opened under rules this build no longer derives (one recorded by an older build, carried on
    /// after an upgrade) records that it adopts this build's rules and options before anything else is folded, and its
    /// flags are derived from then on. Its recording up to here replays from the flags it recorded.
    /// </summary>
    private void Adopt(DateTimeOffset at, ICollection<IncidentEvent> recorded)
    {
        if (Exists && !IsClosed && !Projection.DerivesFlags)
        {
            Fold(new RulesAdopted(AssessmentRules.Current, options, AdoptedBy) { Sequence = LastSequence + 1, Time = at }, recorded);
        }
    }

    /// <summary>The actor a <see cref="RulesAdopted"/> names: this build.</summary>
    public const string AdoptedBy = "rules of this build";

    /// <summary>
    /// Replay and catch-up: folds a recorded event as it was numbered and stamped. Derived events in a recording
    /// are passed over (the stream derives them again, and adds them to <paramref name="folded"/>) — except in a
    /// session recorded under rules this build does not derive (<see cref="AssessmentRules"/>), whose recorded flags
    /// are folded as they are and added to <paramref name="folded"/>. So is anything
    /// at or before the last sequence folded (a session recorded before incidents caught up on their recordings may
    /// number a second run from one again). A recorded input outside <see cref="InputLimits"/> (recorded by a build
    /// that let it through) is passed over too, and listed in <see cref="PassedOver"/>: folding it would poison
    /// the state as it did then.
    /// </summary>
    /// <returns>True when the event was folded.</returns>
    public bool Replay(IncidentEvent recordedEvent, ICollection<IncidentEvent>? folded = null)
    {
        ArgumentNullException.ThrowIfNull(recordedEvent);
        if (recordedEvent.Sequence <= LastSequence)
        {
            return false;
        }

        if (recordedEvent.IsDerived)
        {
            if (!Exists || Projection.DerivesFlags)
            {
                return false;
            }

            // Recorded under rules this build does not derive: the recorded flags are the flags.
            FoldTicks(recordedEvent.Time, folded);
            Projection.Apply(recordedEvent);
            folded?.Add(recordedEvent);
            return true;
        }

        FoldTicks(recordedEvent.Time, folded);
        if (recordedEvent is not InputRejected && InputLimits.Check(recordedEvent, recorded: true) is { } rejection)
        {
            passedOver.Add((recordedEvent.Sequence, rejection));
            Projection.Skip(recordedEvent);
            return false;
        }


        Fold(recordedEvent, folded);
        return true;
    }

    /// <summary>
    /// Catch-up: folds a run of recorded events onto the state as it stands. A recorded input the fold throws on is
    /// passed over — the fold starts again from where this call began without it — and listed in
    /// <see cref="PassedOver"/>, so one event the fold cannot take never keeps an incident down.
    /// </summary>
    public void CatchUp(IReadOnlyList<IncidentEvent> recorded)
    {
        var start = Exists ? Snapshot() : null;
        var bad = new Dictionary<long, Rejection>();
        while (true)
        {
            IncidentEvent? current = null;
            try
            {
                foreach (var e in recorded)
                {
                    current = e;
                    if (bad.TryGetValue(e.Sequence, out var why))
                    {
                        PassOver(e, why);
                        continue;
                    }

                    Replay(e);
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && current is not null && !current.IsDerived && bad.Count < MaxPassedOver)
            {
                bad[current.Sequence] = new Rejection(RejectReason.Unprocessable, RawInput.Cut($"the fold could not apply it: {ex.GetType().Name}: {ex.Message}", InputLimits.MaxTextChars));
                Projection = new IncidentProjection(options);
                if (start is not null)
                {
                    Projection.Restore(start);
                }

                passedOver.RemoveAll(p => bad.ContainsKey(p.Sequence));
                Damaged = false;
            }
        }
    }

    /// <summary>Most recorded inputs one catch-up passes over before it gives up and lets the failure stand: 100.</summary>
    public const int MaxPassedOver = 100;

    private void PassOver(IncidentEvent e, Rejection why)
    {
        FoldTicks(e.Time, null);
        passedOver.Add((e.Sequence, why));
        Projection.Skip(e);
    }

    /// <summary>Recorded inputs a replay passed over because they are outside the limits, with why.</summary>
    public IReadOnlyList<(long Sequence, Rejection Why)> PassedOver => passedOver;

    /// <summary>
    /// Replay: moves the clock on to <paramref name="instant"/> as live did between inputs (the ticks of the current
    /// schema, and what they derive); a stream recorded with its ticks gets them from the recording instead.
    /// </summary>
    public void ReplayTo(DateTimeOffset instant, ICollection<IncidentEvent>? folded = null) => FoldTicks(instant, folded);

    /// <summary>The whole folded state, to store as a snapshot; only once the incident is open.</summary>
    public IncidentSnapshot Snapshot() => Projection.Snapshot();

    /// <summary>Replaces the folded state with a snapshot's.</summary>
    public void Restore(IncidentSnapshot snapshot)
    {
        var projection = new IncidentProjection(options);
        projection.Restore(snapshot);
        Projection = projection;
    }

    private static InputRejected Refusal(IncidentEvent input, Rejection rejection) => input switch
    {
        PositionAccepted accepted => new InputRejected(accepted.Report.Source, rejection.Reason, rejection.Detail, RawInput.CapId(accepted.Report.UnitId), RawInput.Cap(EventJson.Serialize(accepted.Report))),
        _ => new InputRejected(ReportSource.Json, rejection.Reason, rejection.Detail, null, RawInput.Cap(EventJson.Serialize(input))),
    };


    private static void RemoveFrom(ICollection<IncidentEvent> recorded, long fromSequence)
    {
        foreach (var e in recorded.Where(e => e.Sequence >= fromSequence).ToList())
        {
            recorded.Remove(e);
        }
    }

    // Every whole second of incident time after the clock, up to and including `until`, and no further than the
    // horizon past the last input. A tick at the very instant of an input comes before it, live and in replay.
    private void FoldTicks(DateTimeOffset until, ICollection<IncidentEvent>? output)
    {
        if (!Exists || IsClosed || Projection.Schema == IncidentSchema.RecordedTicks)
        {
            return;
        }

        var horizon = Projection.LastInput + TickHorizon;
        var end = until < horizon ? until : horizon;
        var clockTicks = Clock.UtcTicks;
        var next = new DateTimeOffset(clockTicks - (clockTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
        for (; next <= end && !Damaged; next = next.AddSeconds(1))
        {
            try
            {
                Fold(new ClockTicked { Sequence = LastSequence, Time = next }, output, recordInput: false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A tick is no one's input to refuse: the state is rebuilt from the recording instead.
                Damaged = true;
                DamagedBy = ex;
            }

            TicksFolded++;
        }
    }

    // Derived events are numbered right after the input that caused them (right after the last event, for a tick,
    // which is not recorded), in the order the projection returned them, and stamped with the projection's clock
    // unless the assessment gave them a time.
    private void Fold(IncidentEvent input, ICollection<IncidentEvent>? output, bool recordInput = true)
    {
        var derived = Projection.Apply(input);
        if (recordInput)
        {
            output?.Add(input);
        }

        var sequence = input.Sequence;
        for (var i = 0; i < derived.Count; i++)
        {
            var e = derived[i] with
            {
                Sequence = ++sequence,
                Time = derived[i].Time == default ? Projection.Clock : derived[i].Time,
            };
            Projection.Apply(e);
            output?.Add(e);
            if (e is FlagRaised { Rule: ClosingAssessment.NotClosingRule } raised && Projection.Schema >= IncidentSchema.SendInsteadProposals
                && Proposal(raised) is { } proposal)
            {
                var proposed = proposal with { Sequence = ++sequence, Time = e.Time };
                Projection.Apply(proposed);
                output?.Add(proposed);
            }
        }
    }

    // Who could go instead of the unit just flagged, ranked on the board as it stands once the flag is up.
    private SendInsteadProposed? Proposal(FlagRaised raised) =>
        Projection.Assess(raised.Subject) is { ThreatId: { } threatId } flagged
            ? new SendInsteadProposed(raised.Subject, threatId, options.SendPaceMps, SendInstead.Rank(flagged, Projection.AssessAll(), options.SendPaceMps))
            : null;
}
