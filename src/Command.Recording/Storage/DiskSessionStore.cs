using System.Runtime.CompilerServices;
using Command.Recording.Layout;

namespace Command.Recording.Storage;

/// <summary>Sessions as folders of files under a root folder; appends are flushed to the device before completing.</summary>
public sealed class DiskSessionStore(string root) : ISessionStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Location => $"disk:{Root}";

    public async Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        var file = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        if (stream.Length < offset)
        {
            throw new InvalidOperationException($"{file} is {stream.Length} bytes; cannot append at {offset}.");
        }

        // A longer file holds a previous attempt's bytes whose completion was never acknowledged: write them again.
        stream.SetLength(offset);
        stream.Position = offset;
        await stream.WriteAsync(data, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        var file = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(data, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, file, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        var file = Resolve(path);
        if (!File.Exists(file))
        {
            return Task.FromResult<Stream?>(null);
        }

        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Position = offset;
        return Task.FromResult<Stream?>(stream);
    }

    public async Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        var file = Resolve(path);
        return File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken) : null;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string incidentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = Resolve(SessionPaths.Require(incidentId));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredObject(file.Name, file.Length);
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListSessionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(Path.Combine(folder, SessionPaths.ManifestName)))
            {
                yield return Path.GetFileName(folder);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>One process writes a disk store (a clustered host refuses to record to disk): no fence is needed.</summary>
    public Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken)
    {
        var folder = Resolve(SessionPaths.Require(incidentId));
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(0);
        }

        var count = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(count);
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        return Task.CompletedTask;
    }

    private string Resolve(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
