using Command.Recording.Storage;

namespace Command.Faults.Tests.Support;

/// <summary>A session store whose disk fills up on demand: every write fails with ENOSPC until space comes back.</summary>
public sealed class FullDisk(ISessionStore inner) : ISessionStore
{
    private const int NoSpaceLeftOnDevice = 28;

    public bool Full { get; set; }

    /// <summary>Writes refused for want of space.</summary>
    public int Refused { get; private set; }

    public string Location => inner.Location;

    public Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        NoSpace();
        return inner.AppendAsync(path, offset, data, cancellationToken, owner);
    }

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        NoSpace();
        return inner.WriteAsync(path, data, cancellationToken, owner);
    }

    public Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => inner.OpenReadAsync(path, offset, cancellationToken);

    public Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken) => inner.ReadAllAsync(path, cancellationToken);

    public IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken) => inner.ListAsync(incidentId, cancellationToken);

    public IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken) => inner.ListSessionsAsync(cancellationToken);

    public Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken) => inner.TakeOverAsync(path, owner, appendable, cancellationToken);

    public Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(incidentId, cancellationToken);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);

    private void NoSpace()
    {
        if (Full)
        {
            Refused++;
            throw new IOException("No space left on device", NoSpaceLeftOnDevice);
        }
    }
}
