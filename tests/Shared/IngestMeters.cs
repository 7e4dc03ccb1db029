using System.Diagnostics.Metrics;

namespace Command.Tests.Shared;

/// <summary>
/// Counts what one host's (or service provider's) ingest meters record (command.ingest.*), by instrument, source and reason, and lets a
/// test await a count without polling.
/// </summary>
internal sealed class IngestMeters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<(string Instrument, string? Source, string? Reason), long> counts = [];
    private readonly List<(string Instrument, string? Source, string? Reason, long Count, TaskCompletionSource Reached)> waiters = [];

    public IngestMeters(IMeterFactory factory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? source = null, reason = null;
            foreach (var tag in tags)
            {
                (source, reason) = tag.Key switch
                {
                    "source" => (tag.Value as string, reason),
                    "reason" => (source, tag.Value as string),
                    _ => (source, reason),
                };
            }

            lock (counts)
            {
                var key = (instrument.Name, source, reason);
                counts[key] = counts.GetValueOrDefault(key) + value;
                foreach (var waiter in waiters.Where(w => Sum(w.Instrument, w.Source, w.Reason) >= w.Count).ToList())
                {
                    waiters.Remove(waiter);
                    waiter.Reached.TrySetResult();
                }
            }
        });
        listener.Start();
    }

    /// <summary>Inputs refused for <paramref name="reason"/> (from <paramref name="source"/>, when given) so far.</summary>
    public long Rejected(string reason, string? source = null) => Count("command.ingest.rejected", source, reason);

    /// <summary>Messages the listeners of <paramref name="source"/> have read so far.</summary>
    public long Received(string source) => Count("command.ingest.received", source, null);

    /// <summary>Completes once <paramref name="count"/> inputs have been refused for <paramref name="reason"/>.</summary>
    public Task RejectedAsync(string reason, long count) => WhenAsync("command.ingest.rejected", null, reason, count);

    /// <summary>Completes once the listeners of <paramref name="source"/> have read <paramref name="count"/> messages.</summary>
    public Task ReceivedAsync(string source, long count) => WhenAsync("command.ingest.received", source, null, count);

    /// <summary>Completes once the TCP listeners of <paramref name="source"/> hold <paramref name="count"/> connections open (each admitted with its deadlines running).</summary>
    public Task ConnectionsAsync(string source, long count) => WhenAsync("command.ingest.connections", source, null, count);

    /// <summary>Completes once the host has told incidents how the source of <paramref name="section"/> stands <paramref name="count"/> times with <paramref name="outcome"/>.</summary>
    public Task SourcesToldAsync(string section, string outcome, long count) => WhenAsync("command.ingest.sources.told", section, outcome, count);

    public void Dispose() => listener.Dispose();

    private long Count(string instrument, string? source, string? reason)
    {
        lock (counts)
        {
            return Sum(instrument, source, reason);
        }
    }

    private long Sum(string instrument, string? source, string? reason) =>
        counts.Where(c => c.Key.Instrument == instrument && (source is null || c.Key.Source == source) && (reason is null || c.Key.Reason == reason)).Sum(c => c.Value);

    private Task WhenAsync(string instrument, string? source, string? reason, long count)
    {
        lock (counts)
        {
            if (Sum(instrument, source, reason) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((instrument, source, reason, count, reached));
            return reached.Task.WaitAsync(TestContext.Current.CancellationToken);
        }
    }
}
