namespace Command.Recording.Storage;

/// <summary>
/// Where sessions are kept: named objects under <c>{incidentId}/</c>, on local disk or in a blob container,
/// in the same layout (see SESSION-FORMAT.md). Implementations do no retrying of their own: resilience is applied
/// once, by the caller, through Polly.
/// </summary>
public interface ISessionStore
{
    /// <summary>Where the store is, for logs and messages ("disk:/var/sessions", "blob:recordings").</summary>
    string Location { get; }

    /// <summary>
    /// Appends <paramref name="data"/> to the object at <paramref name="path"/>, creating it when
    /// <paramref name="offset"/> is 0. Idempotent: if the same bytes were already appended at that offset (a
    /// retry after an attempt whose reply was lost), it succeeds without writing them twice. Completes when durable.
    /// With an <paramref name="owner"/>, it lands only while that owner holds the object (see <see cref="TakeOverAsync"/>);
    /// otherwise it fails with <see cref="SessionOwnershipLostException"/>.
    /// </summary>
    Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null);

    /// <summary>Writes a whole object, replacing any previous one atomically; with an owner, only while it holds it.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null);

    /// <summary>
    /// Makes <paramref name="owner"/> the only writer of the object at <paramref name="path"/> (creating it empty when
    /// missing, an append blob when <paramref name="appendable"/>): whoever held it before loses it, and their next
    /// append or write fails instead of landing. A store with one process writing (local disk) needs no fence.
    /// </summary>
    Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken);

    /// <summary>Opens an object for reading from <paramref name="offset"/>; null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>Reads a whole object; null when it does not exist.</summary>
    Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken);

    /// <summary>Objects directly inside a session folder (not its snapshots), with their lengths.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Incident ids of the sessions that have a manifest.</summary>
    IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a whole session (its segments, snapshots and manifest); returns how many objects went.</summary>
    Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Makes sure the store exists (the folder, or the container). Called once at start-up.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}

/// <summary>An object in a session folder.</summary>
/// <param name="Name">Name inside the folder (<c>segment-000001.jsonl</c>).</param>
/// <param name="Length">Bytes.</param>
public sealed record StoredObject(string Name, long Length);
