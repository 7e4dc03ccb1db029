using System.Buffers;
using Command.Domain.Events;

namespace Command.Recording.Layout;

/// <summary>Events already encoded as JSON lines, with what the manifest needs to know about them.</summary>
internal sealed record EncodedBatch(
    ReadOnlyMemory<byte> Bytes,
    int Count,
    long FirstSequence,
    long LastSequence,
    DateTimeOffset MinTime,
    DateTimeOffset MaxTime,
    string? IncidentName)
{
    /// <summary>The pooled array <see cref="Bytes"/> lives in, if it was rented; see <see cref="Release"/>.</summary>
    public byte[]? Rented { get; private set; }

    /// <summary>Encoded events in a rented array, which goes back to the pool on <see cref="Release"/>.</summary>
    public static EncodedBatch Rent(byte[] rented, int length, IReadOnlyList<IncidentEvent> events) =>
        Describe(rented.AsMemory(0, length), events) with { Rented = rented };

    /// <summary>
    /// One batch of several, in order. Parts that are copied go back to the pool at once; release the result when
    /// it is written.
    /// </summary>
    public static EncodedBatch Combine(IReadOnlyList<EncodedBatch> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var length = parts.Sum(p => p.Bytes.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        var at = 0;
        foreach (var part in parts)
        {
            part.Bytes.CopyTo(bytes.AsMemory(at));
            at += part.Bytes.Length;
        }

        var combined = new EncodedBatch(bytes.AsMemory(0, length), parts.Sum(p => p.Count), parts[0].FirstSequence, parts[^1].LastSequence,
            parts.Min(p => p.MinTime), parts.Max(p => p.MaxTime), parts.LastOrDefault(p => p.IncidentName is not null)?.IncidentName)
        {
            Rented = bytes,
        };
        foreach (var part in parts)
        {
            part.Release();
        }

        return combined;
    }

    /// <summary>Gives a rented array back to the pool; the batch's bytes must not be read after this.</summary>
    public void Release()
    {
        if (Rented is { } rented)
        {
            Rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Summarises events whose lines are <paramref name="bytes"/>.</summary>
    public static EncodedBatch Describe(ReadOnlyMemory<byte> bytes, IReadOnlyList<IncidentEvent> events)
    {
        var min = DateTimeOffset.MaxValue;
        var max = DateTimeOffset.MinValue;
        string? name = null;
        foreach (var e in events)
        {
            min = e.Time < min ? e.Time : min;
            max = e.Time > max ? e.Time : max;
            name = e is IncidentOpened opened ? opened.Name : name;
        }

        return new EncodedBatch(bytes, events.Count, events[0].Sequence, events[^1].Sequence, min, max, name);
    }
}
