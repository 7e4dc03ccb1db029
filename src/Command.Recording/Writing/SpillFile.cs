namespace Command.Recording.Writing;

/// <summary>
/// A session's local spill: batches accepted while storage was failing, as the same JSON lines the segments hold,
/// flushed to the device before their appends complete. Deleted once drained.
/// </summary>
internal sealed class SpillFile(string path)
{
    public bool Exists => File.Exists(path);

    public async Task AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        await stream.WriteAsync(bytes, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task<byte[]> ReadFromAsync(long offset, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
        stream.Position = Math.Min(offset, stream.Length);
        var bytes = new byte[stream.Length - stream.Position];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    public void Delete() => File.Delete(path);
}
