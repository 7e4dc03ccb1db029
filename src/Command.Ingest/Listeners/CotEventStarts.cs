using System.Buffers;
using System.Globalization;

namespace Command.Ingest.Listeners;

/// <summary>
/// Where a CoT event begins on a stream: at its XML declaration (<c>&lt;?xml</c>), which stands only at the very start of
/// a document, or else at its root, <c>&lt;event</c>. Neither can stand raw inside an event: an attribute's value holds no
/// <c>&lt;</c>, and a detail's text writes one as <c>&amp;lt;</c>; a comment or a CDATA section, which may, is passed over. So a second root, or a declaration after anything but
/// whitespace, is the next event: the one before it was cut off short (a TAK client's connection hiccuped mid-write),
/// and is refused on its own rather than run into the next, which is read as it came. A TAK client's log-in
/// (<c>&lt;auth&gt;</c>, sent before its first event) is a message of its own, whole where it ends at <c>&lt;/auth&gt;</c>.
/// An event ends at its <c>&lt;/event&gt;</c> outside any comment or CDATA section (<see cref="End"/>): one inside a
/// remark's CDATA ended it early over TCP, and its rest was refused as a broken event of its own.
/// </summary>
internal sealed class CotEventStarts : IMessageStarts
{
    public static CotEventStarts Instance { get; } = new();

    private CotEventStarts()
    {
    }

    private static ReadOnlySpan<byte> Declaration => "<?xml"u8;

    private static ReadOnlySpan<byte> Root => "<event"u8;

    // A TAK client's log-in, <auth><cot username=… password=… uid=…/></auth>: ATAK sends it first on a stream where its
    // user turned authentication on, with or without a declaration of its own, and the first event after it.
    private static ReadOnlySpan<byte> LogIn => "<auth"u8;

    private static ReadOnlySpan<byte> LogInEnd => "</auth>"u8;

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    // What may follow a root's name: its attributes, or the end of its start tag.
    private static ReadOnlySpan<byte> AfterRoot => " \t\r\n>/"u8;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public int LongestMark => Root.Length + 1;

    public long Next(ReadOnlySequence<byte> read, bool begun)
    {
        var reader = new SequenceReader<byte>(read);
        reader.AdvancePastAny(Whitespace);
        reader.IsNext(ByteOrderMark, advancePast: true);
        var start = reader.Consumed;
        var rooted = begun;
        while (reader.TryAdvanceTo((byte)'<', advancePastDelimiter: false))
        {
            var at = reader.Consumed;
            if (SkippedPast(ref reader, Comment, CommentEnd) || SkippedPast(ref reader, CharacterData, CharacterDataEnd))
            {
                continue;
            }

            if (Opens(reader, Declaration, Whitespace))
            {
                if (begun || at > start)
                {
                    return WithItsMark(read, at);
                }
            }
            else if (Opens(reader, Root, AfterRoot))
            {
                if (rooted)
                {
                    return WithItsMark(read, at);
                }

                rooted = true;
            }
            else if (!rooted && Opens(reader, LogIn, AfterRoot))
            {
                // A root too, so the event after it is the next message; inside an event it is that event's detail.
                rooted = true;
            }

            reader.Advance(1);
        }

        return -1;
    }

    public long? End(ReadOnlySequence<byte> read, ReadOnlySpan<byte> delimiter)
    {
        var reader = new SequenceReader<byte>(read);
        while (reader.TryAdvanceTo((byte)'<', advancePastDelimiter: false))
        {
            if (reader.IsNext(delimiter))
            {
                return reader.Consumed;
            }

            ReadOnlySpan<byte> close = reader.IsNext(Comment) ? CommentEnd : reader.IsNext(CharacterData) ? CharacterDataEnd : [];
            if (close.IsEmpty)
            {
                reader.Advance(1);
            }
            else if (!reader.TryReadTo(out ReadOnlySequence<byte> _, close))
            {
                // The section runs on past what has been read, and the event's end with it (the next event's start, where
                // it comes first, says the event was cut off inside it).
                return -1;
            }
        }

        return -1;
    }

    public bool Whole(ReadOnlySpan<byte> message)
    {
        var text = message.Trim(Whitespace);
        if (text.StartsWith(ByteOrderMark))
        {
            text = text[ByteOrderMark.Length..];
        }

        if (text.StartsWith(Declaration))
        {
            var declared = text.IndexOf("?>"u8);
            text = declared < 0 ? [] : text[(declared + 2)..].TrimStart(Whitespace);
        }

        return text.StartsWith(LogIn) && text.EndsWith(LogInEnd);
    }

    public string CutOff(ReadOnlySpan<byte> message) =>
        string.Create(CultureInfo.InvariantCulture, $"event cut off {message.Trim(Whitespace).Length} bytes in: the next event began before its </event>");

    // The next event starts with its byte order mark, where it has one: a sender that writes each event as a file of its
    // own writes one before each.
    private static long WithItsMark(ReadOnlySequence<byte> read, long at)
    {
        if (at < ByteOrderMark.Length)
        {
            return at;
        }

        Span<byte> before = stackalloc byte[ByteOrderMark.Length];
        read.Slice(at - before.Length, before.Length).CopyTo(before);
        return before.SequenceEqual(ByteOrderMark) ? at - before.Length : at;
    }

    // A comment or a CDATA section may hold "<event" as text (a remark written as CDATA, a commented-out event), and is passed
    // over where it ends in what has been read: read as the next event's start, it cut a whole event short and lost it. One
    // that does not end there is read through as before, so that an event cut off inside one still leaves the next whole.
    private static bool SkippedPast(ref SequenceReader<byte> reader, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close)
    {
        if (!reader.IsNext(open))
        {
            return false;
        }

        var past = reader;
        past.Advance(open.Length);
        if (!past.TryReadTo(out ReadOnlySequence<byte> _, close))
        {
            return false;
        }

        reader = past;
        return true;
    }

    private static ReadOnlySpan<byte> Comment => "<!--"u8;

    private static ReadOnlySpan<byte> CommentEnd => "-->"u8;

    private static ReadOnlySpan<byte> CharacterData => "<![CDATA["u8;

    private static ReadOnlySpan<byte> CharacterDataEnd => "]]>"u8;

    // Whether the reader stands at the mark, followed by one of the bytes that may follow it (a mark split off from the
    // byte after it, at the end of what has been read, is not one yet).
    private static bool Opens(SequenceReader<byte> reader, ReadOnlySpan<byte> mark, ReadOnlySpan<byte> followedBy) =>
        reader.IsNext(mark) && reader.TryPeek(mark.Length, out var next) && followedBy.Contains(next);
}
