using Command.Recording.Layout;

namespace Command.Recording.Reading;

/// <summary>
/// Splits a stream into '\n'-terminated lines without copying them: each line is a slice of an internal buffer,
/// valid until the next call. A last line without its '\n' (a write still in flight) is not returned. A line that runs
/// past <paramref name="maxLineBytes"/> is refused (<see cref="InvalidDataException"/>) rather than read whole into memory.
/// </summary>
/// <param name="stream">What to read.</param>
/// <param name="startOffset">Where in the object it starts.</param>
/// <param name="source">What it is, for a refusal ("segment-000001.jsonl").</param>
/// <param name="maxLineBytes">The longest a line may be; <see cref="MaxLineBytes"/> unless told.</param>
internal sealed class LineReader(Stream stream, long startOffset, string? source = null, int maxLineBytes = LineReader.MaxLineBytes)
{
    /// <summary>
    /// The longest a recorded line may be: 64 MiB, twice the largest event (an incident opened with the largest site its
    /// rules allow, 500 buildings and zones of 1,000 points and its walks). A file of garbage without line breaks, or a
    /// value pasted in by hand, was read whole into memory at every listing of sessions.
    /// </summary>
    public const int MaxLineBytes = 64 << 20;

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
            if ((at >= 0 ? at : end) - start > maxLineBytes)
            {
                throw TooLong();
            }

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
                // Doubling alone would take a buffer at the cap to twice it before the line is found too long: it grows to
                // one byte past the longest line (room for its '\n'), and no further.
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxLineBytes + 1L));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            exhausted = read == 0;
            end += read;
        }
    }

    private InvalidDataException TooLong() => new(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"the line at byte {Offset}{(source is null ? "" : $" of {source}")} runs past {maxLineBytes:N0} bytes, longer than any event is"));
}
