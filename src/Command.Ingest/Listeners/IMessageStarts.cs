using System.Buffers;

namespace Command.Ingest.Listeners;

/// <summary>
/// How a stream protocol's messages begin, where they open with a mark of their own (a CoT event, with its XML
/// declaration or its root element). A message cut off short, before its end, is then told apart from the next one,
/// which would otherwise run into it and be lost with it.
/// </summary>
internal interface IMessageStarts
{
    /// <summary>The longest mark a message begins with, in bytes, with the byte that must follow it: what of a read is kept when the rest is dropped, in case a mark is split between two reads.</summary>
    int LongestMark { get; }

    /// <summary>
    /// Where in <paramref name="read"/> a message after the one it starts with begins, or -1 where none does.
    /// <paramref name="begun"/> when the read holds the rest of a message whose start has already gone (one being
    /// skipped as oversized): then any mark is the next message's.
    /// </summary>
    long Next(ReadOnlySequence<byte> read, bool begun);

    /// <summary>
    /// Whether <paramref name="message"/>, ended by the next one's start before any delimiter, is whole all the same: a
    /// message of another kind that ends otherwise (a TAK client's log-in, which ends at <c>&lt;/auth&gt;</c>).
    /// </summary>
    bool Whole(ReadOnlySpan<byte> message);

    /// <summary>
    /// Where in <paramref name="read"/> the <paramref name="delimiter"/> that ends the message it starts with stands, or -1
    /// where none does yet; null (the default) where the first delimiter does. A CoT event's <c>&lt;/event&gt;</c> inside a
    /// CDATA section or a comment (a remark that quotes one) is its text, not its end.
    /// </summary>
    long? End(ReadOnlySequence<byte> read, ReadOnlySpan<byte> delimiter) => null;

    /// <summary>Why a message cut off short by the next one's start is refused, in words: <paramref name="message"/> is what came of it.</summary>
    string CutOff(ReadOnlySpan<byte> message);

    /// <summary>
    /// How long a stream must fall quiet after <see cref="Ends"/> says what it holds is whole, before that is taken as a
    /// message with no delimiter after it; null (the default) where a message waits for its delimiter or the next one's start.
    /// </summary>
    TimeSpan? Quiet => null;

    /// <summary>Whether <paramref name="read"/>, with no delimiter in it, is a whole message all the same: one that nothing need follow.</summary>
    bool Ends(ReadOnlySequence<byte> read) => false;
}
