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
    public static EncodedBatch Combine(IReadOnlyList<EncodedBatch> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var bytes = new byte[parts.Sum(p => p.Bytes.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Bytes.CopyTo(bytes.AsMemory(at));
            at += part.Bytes.Length;
        }

        return new EncodedBatch(bytes, parts.Sum(p => p.Count), parts[0].FirstSequence, parts[^1].LastSequence,
            parts.Min(p => p.MinTime), parts.Max(p => p.MaxTime), parts.LastOrDefault(p => p.IncidentName is not null)?.IncidentName);
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
