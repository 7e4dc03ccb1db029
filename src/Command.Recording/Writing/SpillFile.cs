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

    /// <summary>All of it (empty when there is none).</summary>
    public byte[] ReadAll() => Exists ? File.ReadAllBytes(path) : [];

    /// <summary>
    /// Cuts off a last line left half written (by a power cut mid-write), so the lines after it are whole; returns
    /// the bytes cut. Every append ends with a newline, so only the end can be torn.
    /// </summary>
    public long RepairTail()
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var length = stream.Length;
        var end = length;
        var one = new byte[1];
        while (end > 0)
        {
            stream.Position = end - 1;
            stream.ReadExactly(one);
            if (one[0] == (byte)'\n')
            {
                break;
            }

            end--;
        }

        if (end == length)
        {
            return 0;
        }

        stream.SetLength(end);
        stream.Flush(flushToDisk: true);
        return length - end;
    }

    public void Delete() => File.Delete(path);
}
