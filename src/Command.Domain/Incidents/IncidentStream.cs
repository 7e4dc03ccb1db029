using Command.Domain.Assessment;
using Command.Domain.Events;

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

    public bool IsOpen => Projection.IsOpen;

    /// <summary>Clock ticks folded since this stream was made: a frame's cue that every unit may have aged.</summary>
    public long TicksFolded { get; private set; }

    /// <summary>
    /// Live: numbers <paramref name="input"/> one past the last event and stamps it with <paramref name="now"/>
    /// (or the clock, if <paramref name="now"/> is earlier: event times never go back), folds it and what it derives,
    /// and adds them all to <paramref name="recorded"/> in sequence order.
    /// </summary>
    /// <returns>The input as numbered and stamped.</returns>
    public IncidentEvent Record(IncidentEvent input, DateTimeOffset now, ICollection<IncidentEvent> recorded)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsDerived)
        {
            throw new ArgumentException($"{input.GetType().Name} is derived by the stream; it is not an input.", nameof(input));
        }

        var at = now > Clock ? now : Clock;
        FoldTicks(at, recorded);
        var stamped = input with { Sequence = LastSequence + 1, Time = at };
        Fold(stamped, recorded);
        return stamped;
    }

    /// <summary>
    /// Live: moves the clock on to <paramref name="now"/> so silent units age, adding what that derives to
    /// <paramref name="recorded"/>. In a stream of the current schema the clock ticks at every whole second of incident
    /// time up to <paramref name="now"/> (within <see cref="TickHorizon"/> of the last input) and the ticks themselves
    /// are not recorded: replay ticks again at the same seconds. In a stream recorded before that, a tick is an input
    /// like any other.
    /// </summary>
    public void Tick(DateTimeOffset now, ICollection<IncidentEvent> recorded)
    {
        if (!IsOpen)
        {
            return;
        }

        if (Projection.Schema == IncidentSchema.RecordedTicks)
        {
            Record(new ClockTicked(), now, recorded);
            return;
        }

        FoldTicks(now, recorded);
    }

    /// <summary>
    /// Replay and catch-up: folds a recorded event as it was numbered and stamped. Derived events in a recording
    /// are passed over (the stream derives them again, and adds them to <paramref name="folded"/>), as is anything
    /// at or before the last sequence folded (a session recorded before incidents caught up on their recordings may
    /// number a second run from one again).
    /// </summary>
    /// <returns>True when the event was folded.</returns>
    public bool Replay(IncidentEvent recordedEvent, ICollection<IncidentEvent>? folded = null)
    {
        ArgumentNullException.ThrowIfNull(recordedEvent);
        if (recordedEvent.IsDerived || recordedEvent.Sequence <= LastSequence)
        {
            return false;
        }

        FoldTicks(recordedEvent.Time, folded);
        Fold(recordedEvent, folded);
        return true;
    }

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

    // Every whole second of incident time after the clock, up to and including `until`, and no further than the
    // horizon past the last input. A tick at the very instant of an input comes before it, live and in replay.
    private void FoldTicks(DateTimeOffset until, ICollection<IncidentEvent>? output)
    {
        if (!IsOpen || Projection.Schema == IncidentSchema.RecordedTicks)
        {
            return;
        }

        var horizon = Projection.LastInput + TickHorizon;
        var end = until < horizon ? until : horizon;
        var clockTicks = Clock.UtcTicks;
        var next = new DateTimeOffset(clockTicks - (clockTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
        for (; next <= end; next = next.AddSeconds(1))
        {
            Fold(new ClockTicked { Sequence = LastSequence, Time = next }, output, recordInput: false);
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

        for (var i = 0; i < derived.Count; i++)
        {
            var e = derived[i] with
            {
                Sequence = input.Sequence + i + 1,
                Time = derived[i].Time == default ? Projection.Clock : derived[i].Time,
            };
            Projection.Apply(e);
            output?.Add(e);
        }
    }
}
