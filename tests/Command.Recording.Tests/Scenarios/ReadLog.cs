using Command.Recording.Storage;

namespace Command.Recording.Tests.Scenarios;

/// <summary>Wraps a store and notes every segment read: which object, from which offset.</summary>
public sealed class ReadLog(ISessionStore inner) : ISessionStore
{
    public List<(string Path, long Offset)> Reads { get; } = [];

    /// <summary>Whole objects read (a manifest, a snapshot): which, and how many bytes.</summary>
    public List<(string Path, int Bytes)> WholeReads { get; } = [];

    public string Location => inner.Location;

    /// <summary>Reads that fail, as a bad sector or a storage account gone away fails them; none by default.</summary>
    public Func<(string Path, long Offset), bool> Fails { get; init; } = _ => false;

    /// <summary>
    /// Whole objects (a manifest) and sessions' lists of objects (asked as "id/") that cannot be read, as a bad sector or a
    /// storage account gone away fails them; none by default.
    /// </summary>
    public Func<string, bool> FailsWhole { get; init; } = _ => false;

    public Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        Reads.Add((path, offset));
        if (Fails((path, offset)))
        {
            throw new IOException($"{path} could not be read at {offset}");
        }

        return inner.OpenReadAsync(path, offset, cancellationToken);
    }

    public Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null) => inner.AppendAsync(path, offset, data, cancellationToken, owner);

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null) => inner.WriteAsync(path, data, cancellationToken, owner);

    public async Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        if (FailsWhole(path))
        {
            throw new IOException($"{path} could not be read");
        }

        var bytes = await inner.ReadAllAsync(path, cancellationToken);
        WholeReads.Add((path, bytes?.Length ?? 0));
        return bytes;
    }

    public IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken) =>
        FailsWhole(incidentId + "/") ? throw new IOException($"the objects of {incidentId} could not be listed") : inner.ListAsync(incidentId, cancellationToken);

    public IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken) => inner.ListSessionsAsync(cancellationToken);

    public Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken) => inner.TakeOverAsync(path, owner, appendable, cancellationToken);

    public Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(incidentId, cancellationToken);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);
}
