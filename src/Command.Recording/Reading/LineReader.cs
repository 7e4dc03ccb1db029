using Command.Recording.Layout;

namespace Command.Recording.Reading;

/// <summary>
/// Splits a stream into '\n'-terminated lines without copying them: each line is a slice of an internal buffer,
/// valid until the next call. A last line without its '\n' (a write still in flight) is not returned.
/// </summary>
internal sealed class LineReader(Stream stream, long startOffset)
{
    private readonly long firstOffset = startOffset;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool exhausted;

    /// <summary>Offset, in the underlying object, just after the last line returned.</summary>
    public long Offset { get; private set; } = startOffset;

    /// <summary>Bytes consumed so far, for progress.</summary>
    public long Consumed => Offset - firstOffset;

    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = Array.IndexOf(buffer, EventLines.NewLine, start, end - start);
            if (at >= 0)
            {
                var line = buffer.AsMemory(start, at - start);
                Offset += at - start + 1;
                start = at + 1;
                return line;
            }

            if (exhausted)
            {
                return null;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            exhausted = read == 0;
            end += read;
        }
    }
}
