using System.IO.Pipelines;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// Ends a pending read of a pipe at an instant on a clock, with what it had (<see cref="PipeReader.CancelPendingRead"/>),
/// unless disposed first: once disposed it never touches the reader, which may be completed by then.
/// </summary>
internal sealed class QuietWake : IDisposable
{
    private readonly Lock gate = new();
    private readonly PipeReader reader;
    private readonly ITimer timer;
    private bool done;

    public QuietWake(PipeReader reader, TimeProvider clock, DateTimeOffset at)
    {
        this.reader = reader;
        timer = clock.CreateTimer(_ => Wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.ChangeAt(at, clock);

        // A timer set for an instant that has passed goes off a millisecond on, which a test's clock never reaches.
        if (clock.GetUtcNow() >= at)
        {
            Wake();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            done = true;
        }

        timer.Dispose();
    }

    private void Wake()
    {
        lock (gate)
        {
            if (!done)
            {
                done = true;
                reader.CancelPendingRead();
            }
        }
    }
}
