using System.Buffers;

namespace Command.Ingest.Listeners;

/// <summary>
/// Where the next NMEA sentence begins within a line: past a whole sentence's checksum (<c>*hh</c>), where a <c>$</c>
/// follows it. A serial-to-TCP bridge that passes a receiver's bytes on as they come may leave out the line end between
/// two sentences (<c>$GPGGA,…*hh$GPRMC,…*hh</c>); read as one line, only its last sentence was read, and the fix of the
/// first was lost. Each is now a message of its own, judged by its own checksum; what stands between them (a gateway's
/// NUL padding, line noise) goes with the sentence after it and is passed over as before a line's sentence. A sentence cut
/// off before its checksum has no end to cut at: its line is read as it was, from its last <c>$</c>. A comment line
/// (<c>#</c>) is never cut.
/// </summary>
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

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');
}
