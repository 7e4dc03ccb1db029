using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>One message cut from a stream; an oversized one carries only its start, for the record.</summary>
internal readonly record struct Frame(string Text, bool Oversized);

/// <summary>
/// Cuts a byte stream into messages at a delimiter (a newline, or <c>&lt;/event&gt;</c> for CoT, which has no
/// other framing). A message longer than the limit is reported once as oversized and then skipped up to the
/// next delimiter, so it never holds more than the limit plus one read in memory and never ends the connection.
/// Nothing but whitespace after the last delimiter, when the stream ends, is no message.
/// </summary>
/// <remarks>
/// With <paramref name="anyOf"/> a message ends at any one byte of the delimiter, and what lies between two of them is
/// no message: <see cref="LineEnds"/> cuts lines ended by CR, LF or CRLF alike. Some serial-to-TCP gateways end
/// a receiver's NMEA lines with a bare CR, which cut at LF alone ran every sentence after the first into one line.
/// </remarks>
internal sealed class FrameReader(PipeReader reader, byte[] delimiter, bool keepDelimiter, int maxFrameBytes, bool anyOf = false)
{
    /// <summary>CR and LF, for a reader that takes either (and so CRLF) as the end of a line.</summary>
    public static readonly byte[] LineEnds = "\r\n"u8.ToArray();

    private bool skipping;

    /// <summary>The next message, or null when the stream has ended.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            if (anyOf ? sequence.TryReadToAny(out ReadOnlySequence<byte> frame, delimiter, advancePastDelimiter: true)
                : sequence.TryReadTo(out frame, delimiter, advancePastDelimiter: true))
            {
                Frame? found = skipping || (anyOf && frame.IsEmpty) ? null
                    : frame.Length > maxFrameBytes ? Oversized(frame)
                    : new Frame(Encoding.UTF8.GetString(keepDelimiter ? buffer.Slice(frame.Start, sequence.Position) : frame), false);
                reader.AdvanceTo(sequence.Position);
                skipping = false;
                if (found is not null)
                {
                    return found;
                }

                continue;
            }

            if (buffer.Length > maxFrameBytes)
            {
                // Keep the tail that could be the start of a split delimiter; drop the rest.
                var keep = anyOf ? 0 : Math.Min(buffer.Length, delimiter.Length - 1);
                Frame? first = skipping ? null : Oversized(buffer);
                reader.AdvanceTo(buffer.GetPosition(buffer.Length - keep), buffer.End);
                skipping = true;
                if (first is not null)
                {
                    return first;
                }

                continue;
            }

            if (result.IsCompleted)
            {
                // What follows the last delimiter is a message only if it holds more than whitespace: a file's final
                // newline after its last </event> is no message to refuse.
                Frame? last = skipping || IsBlank(buffer) ? null : new Frame(Encoding.UTF8.GetString(buffer), false);
                reader.AdvanceTo(buffer.End);
                return last;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static Frame Oversized(ReadOnlySequence<byte> frame) =>
        new(Encoding.UTF8.GetString(frame.Slice(0, Math.Min(frame.Length, RawText.ClipChars))), true);
}
