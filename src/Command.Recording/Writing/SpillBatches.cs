using Command.Domain.Events;
using Command.Recording.Layout;

namespace Command.Recording.Writing;

/// <summary>Cuts spilled lines back into batches, leaving out events the store already holds.</summary>
internal static class SpillBatches
{
    /// <returns>The batches, and how many bytes of complete lines were consumed.</returns>
    public static (List<EncodedBatch> Batches, int Consumed) Split(byte[] bytes, long storedUpTo, int maxBatchBytes)
    {
        var batches = new List<EncodedBatch>();
        var events = new List<IncidentEvent>();
        var batchStart = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            var end = Array.IndexOf(bytes, EventLines.NewLine, at);
            if (end < 0)
            {
                break;
            }

            var e = EventLines.Decode(bytes.AsSpan(at, end - at));
            if (e.Sequence <= storedUpTo)
            {
                // Stored before a crash cut the drain short: skip it so every event is stored exactly once.
                Close(batches, events, bytes, batchStart, at);
                batchStart = end + 1;
            }
            else
            {
                events.Add(e);
                if (end + 1 - batchStart >= maxBatchBytes)
                {
                    Close(batches, events, bytes, batchStart, end + 1);
                    batchStart = end + 1;
                }
            }

            at = end + 1;
        }

        Close(batches, events, bytes, batchStart, at);
        return (batches, at);
    }

    /// <summary>The events of every whole line (a half-written last line is left out).</summary>
    public static List<IncidentEvent> Events(byte[] bytes)
    {
        var events = new List<IncidentEvent>();
        var at = 0;
        while (at < bytes.Length)
        {
            var end = Array.IndexOf(bytes, EventLines.NewLine, at);
            if (end < 0)
            {
                break;
            }

            events.Add(EventLines.Decode(bytes.AsSpan(at, end - at)));
            at = end + 1;
        }

        return events;
    }

    /// <summary>The sequence of the last whole line, or 0 when there is none.</summary>
    public static long LastSequence(byte[] bytes)
    {
        var end = Array.LastIndexOf(bytes, EventLines.NewLine);
        if (end < 0)
        {
            return 0;
        }

        var start = end == 0 ? -1 : Array.LastIndexOf(bytes, EventLines.NewLine, end - 1);
        return EventLines.Decode(bytes.AsSpan(start + 1, end - start - 1)).Sequence;
    }

    private static void Close(List<EncodedBatch> batches, List<IncidentEvent> events, byte[] bytes, int start, int end)
    {
        if (events.Count > 0)
        {
            batches.Add(EncodedBatch.Describe(bytes.AsMemory(start, end - start), events));
            events.Clear();
        }
    }
}
