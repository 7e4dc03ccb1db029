using System.Buffers;
using System.Text;

namespace Command.Ingest.Listeners;

/// <summary>
/// Where the next NMEA sentence begins within a line: past a whole sentence's checksum (<c>*hh</c>), where a <c>$</c>
/// follows it. A serial-to-TCP bridge that passes a receiver's bytes on as they come may leave out the line end between
/// two sentences (<c>$GPGGA,…*hh$GPRMC,…*hh</c>); read as one line, only its last sentence was read, and the fix of the
/// first was lost. Each is now a message of its own, judged by its own checksum; what stands between them (a gateway's
/// NUL padding, line noise) goes with the sentence after it and is passed over as before a line's sentence. A sentence cut
/// off before its checksum has no end to cut at: its line is read as it was, from its last <c>$</c>. A comment line
/// (<c>#</c>) is never cut. A last sentence whose checksum is right needs no line end: it is taken once the stream has
/// been quiet for <see cref="Quiet"/> after it.
/// </summary>
/// <remarks>
/// A <c>UNIT &lt;id&gt; [callsign]</c> line has no checksum to end at: it ends where a sentence's address (<c>$GPRMC,</c>)
/// follows it, and, last in the stream, once the stream has been quiet, as a sentence does. A bridge that sends no line
/// ends bound its unit to the id with the next sentence run into it (<c>E3$GPGSA,A,3,…</c>), or refused it as too long,
/// and every fix after it was refused for a connection that had not named its unit.
/// </remarks>
internal sealed class NmeaSentenceStarts : IMessageStarts
{
    public static NmeaSentenceStarts Instance { get; } = new();

    private NmeaSentenceStarts()
    {
    }

    private static ReadOnlySpan<byte> Padding => "\0 \t\r\n"u8;

    // '*', the checksum's two hex digits, and the next sentence's '$'.
    public int LongestMark => 4;

    public long Next(ReadOnlySequence<byte> read, bool begun)
    {
        var reader = new SequenceReader<byte>(read);
        reader.AdvancePastAny(Padding);
        // Where the line's start has gone (an oversized one being skipped), its sentence has begun already.
        if (!begun && IsUnitLine(reader.UnreadSequence))
        {
            return NextAddress(ref reader);
        }

        if (!begun && (reader.IsNext((byte)'#') || !reader.TryAdvanceTo((byte)'$')))
        {
            return -1;
        }

        while (reader.TryAdvanceTo((byte)'*'))
        {
            if (reader.TryPeek(0, out var high) && reader.TryPeek(1, out var low) && IsHex(high) && IsHex(low))
            {
                var end = reader.Consumed + 2;
                reader.Advance(2);
                return reader.TryAdvanceTo((byte)'$', advancePastDelimiter: false) ? end : -1;
            }
        }

        return -1;
    }

    // What comes before the next sentence ends at a checksum, as a whole sentence does: the checksum says whether it is.
    public bool Whole(ReadOnlySpan<byte> message) => true;

    public string CutOff(ReadOnlySpan<byte> message) => "sentence cut off: the next sentence began before its line ended";

    /// <summary>
    /// A quarter of a second: a receiver sends its fix's sentences in one burst, and a bridge passes each on within a few
    /// milliseconds; one that sends no line ends at all left its last sentence waiting for the next <c>$</c>, which a
    /// receiver that stopped (or one that sends once a minute) did not send.
    /// </summary>
    public TimeSpan? Quiet => TimeSpan.FromMilliseconds(250);

    // A sentence whose checksum is its last (but for padding), and is right: nothing but its line end is still to come.
    public bool Ends(ReadOnlySequence<byte> read)
    {
        Span<byte> copy = read.Length <= 1024 ? stackalloc byte[(int)read.Length] : [];
        if (copy.Length != read.Length)
        {
            return false;
        }

        read.CopyTo(copy);
        ReadOnlySpan<byte> text = copy;
        while (text.Length > 0 && text[^1] is <= (byte)' ' or 0x7F)
        {
            text = text[..^1];
        }

        // An identification line that names a unit is whole: nothing of it is still to come but its line end.
        if (IsUnitLine(read))
        {
            return text.TrimStart(Padding).Length > "UNIT ".Length;
        }

        var start = text.LastIndexOf((byte)'$');
        if (start < 0 || text.Length - start < 4 || text[^3] != (byte)'*' || !IsHex(text[^2]) || !IsHex(text[^1]))
        {
            return false;
        }

        byte sum = 0;
        foreach (var b in text[(start + 1)..^3])
        {
            sum ^= b;
        }

        return sum == (Hex(text[^2]) << 4 | Hex(text[^1]));
    }

    // Whether what has been read, past padding, opens with "UNIT " (in any case), as an identification line does.
    private static bool IsUnitLine(ReadOnlySequence<byte> read)
    {
        var reader = new SequenceReader<byte>(read);
        reader.AdvancePastAny(Padding);
        Span<byte> word = stackalloc byte[5];
        return reader.TryCopyTo(word) && Ascii.EqualsIgnoreCase(word, "UNIT "u8);
    }

    // Where the first sentence after an identification line begins: a '$' that opens an address of letters and digits and
    // its comma. A '$' in the unit's id or callsign is theirs.
    private static long NextAddress(ref SequenceReader<byte> reader)
    {
        while (reader.TryAdvanceTo((byte)'$', advancePastDelimiter: false))
        {
            var at = reader.Consumed;
            reader.Advance(1);
            var length = 0;
            while (reader.TryPeek(length, out var b) && (char.IsAsciiLetterUpper((char)b) || char.IsAsciiDigit((char)b)))
            {
                length++;
            }

            if (length is >= 2 and <= 6 && reader.TryPeek(length, out var comma) && comma == (byte)',')
            {
                return at;
            }
        }

        return -1;
    }

    private static int Hex(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');
}
