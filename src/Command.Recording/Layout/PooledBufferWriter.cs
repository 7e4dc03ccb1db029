using System.Buffers;

namespace Command.Recording.Layout;

/// <summary>
/// A growable buffer rented from the shared pool. A busy incident encodes hundreds of kilobytes a second, for the
/// recording and for its frames; as fresh arrays those land on the large object heap and cost a full collection
/// every few seconds.
/// </summary>
public sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int written;

    public int Written => written;

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsSpan(written);
    }

    /// <summary>Hands the rented array over: the caller returns it to the pool when done with it.</summary>
    public byte[] Detach()
    {
        var detached = buffer;
        buffer = [];
        return detached;
    }

    private void Reserve(int sizeHint)
    {
        if (buffer.Length - written >= Math.Max(sizeHint, 1))
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, written + sizeHint));
        buffer.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
