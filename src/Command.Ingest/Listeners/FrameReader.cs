using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// One message cut from a stream, as its bytes; an oversized one carries only its start, for the record. One
/// <see cref="CutOff"/> ended short, before its delimiter, where the next message began.
/// </summary>
internal readonly record struct Frame(byte[] Bytes, bool Oversized, bool CutOff = false)
{
    /// <summary>The message as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);
}

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
/// With <paramref name="starts"/> a message also ends where the next one begins, before its delimiter: it is
/// reported as <see cref="Frame.CutOff"/> (or oversized, past the limit), and an oversized one is skipped up to there.
/// A CoT event cut off mid-write ran into the next one, and both were lost. With <paramref name="clock"/> and starts that
/// say a message can be whole before its delimiter (<see cref="IMessageStarts.Ends"/>, an NMEA sentence at its checksum),
/// what has been read is taken as a message once the stream has been quiet for <see cref="IMessageStarts.Quiet"/> after it.
/// </remarks>
internal sealed class FrameReader(PipeReader reader, byte[] delimiter, bool keepDelimiter, int maxFrameBytes, bool anyOf = false, IMessageStarts? starts = null,
    TimeProvider? clock = null)
{
    /// <summary>CR and LF, for a reader that takes either (and so CRLF) as the end of a line.</summary>
    public static readonly byte[] LineEnds = "\r\n"u8.ToArray();

    // What of a read with no delimiter in it is kept when the rest is dropped: the tail that could be the start of a
    // delimiter, or of a message's mark, split between two reads.
    private readonly int keep = Math.Max(anyOf ? 0 : delimiter.Length - 1, (starts?.LongestMark ?? 1) - 1);

    private bool skipping;

    // How much of what was read was left unread at the last advance: a read that returns more has heard new bytes.
    private long held;

    // When the stream last sent a byte, and when what it holds, whole, is to be taken if it sends no more.
    private DateTimeOffset heardAt;
    private DateTimeOffset? wakeAt;

    /// <summary>The next message, or null when the stream has ended.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
            var buffer = Unpadded(result.Buffer);
            var sequence = new SequenceReader<byte>(buffer);
            if (TryReadFrame(ref sequence, out var frame))
            {
                if (NextStart(frame) is { } next)
                {
                    if (CutAt(buffer, next) is { } cut)
                    {
                        return cut;
                    }

                    continue;
                }

                Frame? found = skipping || (anyOf && frame.IsEmpty) ? null
                    : frame.Length > maxFrameBytes ? Oversized(frame)
                    : new Frame((keepDelimiter ? buffer.Slice(frame.Start, sequence.Position) : frame).ToArray(), false);
                Advance(buffer, sequence.Position);
                skipping = false;
                if (found is not null)
                {
                    return found;
                }

                continue;
            }

            // A message with no delimiter yet is cut as soon as the next one's start is read: an NMEA sentence that a bridge
            // sent with no line end waited for one, and with none ever sent, for 512 bytes of others; a CoT event cut off
            // inside a CDATA section or comment has no end outside it before the next event's, which it held back.
            if ((buffer.Length > maxFrameBytes || result.IsCompleted || starts is not null) && NextStart(buffer) is { } start)
            {
                if (CutAt(buffer, start) is { } cut)
                {
                    return cut;
                }

                continue;
            }

            if (buffer.Length > maxFrameBytes)
            {
                // Keep the tail that could be the start of a split delimiter or mark; drop the rest.
                var kept = Math.Min(buffer.Length, keep);
                Frame? first = skipping ? null : Oversized(buffer);
                Advance(buffer, buffer.GetPosition(buffer.Length - kept), buffer.End);
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
                Frame? last = skipping || IsBlank(buffer) ? null : new Frame(buffer.ToArray(), false);
                Advance(buffer, buffer.End);
                return last;
            }

            // What has been read is whole but for its delimiter, and the stream has been quiet since: it is taken as it is.
            var quietAt = QuietAt(buffer);
            if (quietAt <= clock?.GetUtcNow())
            {
                var whole = new Frame(buffer.ToArray(), false);
                Advance(buffer, buffer.End);
                return whole;
            }

            wakeAt = quietAt;
            Advance(buffer, buffer.Start, buffer.End);
        }
    }

    // The next read; where what has been read is whole but for its delimiter, it ends at the instant it is to be taken if
    // nothing more has come by then, with what it had. The time new bytes came is noted as they are read, not when they
    // are looked at: a message cut from the same read was handled in between.
    private async ValueTask<ReadResult> ReadMoreAsync(CancellationToken cancellationToken)
    {
        ReadResult result;
        if (wakeAt is { } at)
        {
            wakeAt = null;
            using var wake = new QuietWake(reader, clock!, at);
            result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (clock is not null && result.Buffer.Length > held)
        {
            heardAt = clock.GetUtcNow();
        }

        return result;
    }

    // The message up to the delimiter that ends it, and the reader past that delimiter: the first one, or where the starts
    // say which one ends a message (a CoT event's </event> outside its CDATA sections and comments), that one.
    private bool TryReadFrame(ref SequenceReader<byte> sequence, out ReadOnlySequence<byte> frame)
    {
        if (starts?.End(sequence.UnreadSequence, delimiter) is not { } at)
        {
            return anyOf ? sequence.TryReadToAny(out frame, delimiter, advancePastDelimiter: true)
                : sequence.TryReadTo(out frame, delimiter, advancePastDelimiter: true);
        }

        frame = sequence.UnreadSequence.Slice(0, Math.Max(at, 0));
        if (at < 0)
        {
            return false;
        }

        sequence.Advance(at + delimiter.Length);
        return true;
    }

    // When what has been read is to be taken as it is, where it is whole but for its delimiter; null where it is not.
    private DateTimeOffset? QuietAt(ReadOnlySequence<byte> read) =>
        !skipping && clock is not null && read.Length <= maxFrameBytes && starts?.Quiet is { } quiet && starts.Ends(read) ? heardAt + quiet : null;

    private void Advance(ReadOnlySequence<byte> buffer, SequencePosition consumed, SequencePosition? examined = null)
    {
        held = buffer.Slice(consumed).Length;
        if (examined is { } end)
        {
            reader.AdvanceTo(consumed, end);
        }
        else
        {
            reader.AdvanceTo(consumed);
        }
    }

    // Where the next message begins in what has been read, before the end of the one being read; null where it does not.
    private long? NextStart(ReadOnlySequence<byte> read) => starts?.Next(read, begun: skipping) is >= 0 and var at ? at : null;

    // The next message begins at `at`: what came before it is a message cut off short, or the rest of an oversized one
    // being skipped (then null), and reading goes on from there.
    private Frame? CutAt(ReadOnlySequence<byte> buffer, long at)
    {
        var before = buffer.Slice(0, at);
        var bytes = skipping || before.Length > maxFrameBytes ? null : before.ToArray();
        Frame? cut = skipping ? null : bytes is null ? Oversized(before) : new Frame(bytes, false, CutOff: !starts!.Whole(bytes));
        Advance(buffer, buffer.GetPosition(at));
        skipping = false;
        return cut;
    }

    // What has been read, past NUL padding before a message (and the whitespace about it): some senders end each message
    // with a NUL byte, and some serial-to-TCP gateways pad with them. Left at a message's start, a NUL made a CoT event
    // read as UTF-16 (its zero bytes say 16-bit text where no byte order mark does), and the event after each was lost.
    // Whitespace alone before a message stays part of it, as it always was.
    private ReadOnlySequence<byte> Unpadded(ReadOnlySequence<byte> read)
    {
        if (skipping)
        {
            return read;
        }

        var past = new SequenceReader<byte>(read);
        past.AdvancePastAny(Padding);
        return read.Slice(0, past.Position).PositionOf((byte)0) is null ? read : read.Slice(past.Position);
    }

    private static ReadOnlySpan<byte> Padding => "\0 \t\r\n"u8;

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

    private static Frame Oversized(ReadOnlySequence<byte> frame) => new(frame.Slice(0, Math.Min(frame.Length, RawText.ClipChars)).ToArray(), true);
}
