using System.Collections.Concurrent;
using System.Collections.Immutable;
using Command.Domain.Annotations;
using Command.Recording.Hosting;
using Command.Recording.Layout;
using Command.Recording.Storage;

namespace Command.Recording.Annotations;

/// <summary>
/// A session's annotations as JSON lines in <c>{incidentId}/annotations.jsonl</c>, beside its segments in the same
/// store (disk by default, Blob in a cluster), so they outlive the host and go wherever the session goes (deleted
/// with it). The session's annotation grain is the one writer; each append lands at the length read, or fails.
/// </summary>
public sealed class StoreAnnotationLog(ISessionStore store, RecordingOptions options, TimeProvider time) : IAnnotationLog
{
    private readonly StorageResilience resilience = StorageResilience.Create(options, time);
    private readonly ConcurrentDictionary<string, long> lengths = new(StringComparer.Ordinal);

    public async Task<ImmutableArray<Annotation>> ReadAsync(string incidentId, CancellationToken cancellationToken)
    {
        var path = SessionPaths.Annotations(incidentId);
        var bytes = await resilience.Drain.ExecuteAsync(async ct => await store.ReadAllAsync(path, ct), cancellationToken);
        var read = ImmutableArray.CreateBuilder<Annotation>();
        var start = 0;
        for (var at = 0; bytes is not null && at < bytes.Length; at++)
        {
            if (bytes[at] == '\n')
            {
                read.Add(AnnotationJson.Deserialize(bytes.AsSpan(start, at - start)));
                start = at + 1;
            }
        }

        // A last line without its '\n' is an append torn by a crash: it was never acknowledged, and the next append
        // writes over it.
        lengths[incidentId] = start;
        return read.ToImmutable();
    }

    public async Task AppendAsync(string incidentId, Annotation annotation, CancellationToken cancellationToken)
    {
        if (!lengths.TryGetValue(incidentId, out var offset))
        {
            await ReadAsync(incidentId, cancellationToken);
            offset = lengths[incidentId];
        }

        var line = AnnotationJson.SerializeLine(annotation);
        await resilience.Live.ExecuteAsync(async ct => await store.AppendAsync(SessionPaths.Annotations(incidentId), offset, line, ct), cancellationToken);
        lengths[incidentId] = offset + line.Length;
    }
}
