using System.Threading.Channels;

namespace Command.Ingest.Listeners;

/// <summary>
/// The bounded queue between listeners and the incidents. A full queue makes writers wait, so a burst becomes
/// backpressure on the sockets rather than memory.
/// </summary>
public sealed class IngestQueue(IngestOptions options)
{
    private readonly Channel<IngestItem> channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(options.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    internal ChannelReader<IngestItem> Reader => channel.Reader;

    /// <summary>Items waiting now.</summary>
    public int Count => channel.Reader.Count;

    public ValueTask EnqueueAsync(IngestItem item, CancellationToken cancellationToken) => channel.Writer.WriteAsync(item, cancellationToken);
}
