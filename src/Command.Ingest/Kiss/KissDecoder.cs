namespace Command.Ingest.Kiss;

/// <summary>
/// Takes a KISS byte stream apart into frames, as they arrive in pieces. A frame lies between two FENDs (0xC0); inside
/// it FESC TFEND (0xDB 0xDC) stands for a FEND and FESC TFESC (0xDB 0xDD) for a FESC. Its first byte is the port (high
/// nibble) and command (low nibble). Empty frames (FENDs back to back, which TNCs send as fill) are passed over, and so
/// is anything before the first FEND (the middle of a frame, on joining a stream). FESC followed by any other byte is
/// an error the KISS specification says to pass over: the FESC is dropped and assembly goes on. A frame longer than
/// the limit is given as oversized, without its bytes, and the stream goes on at the next FEND.
/// </summary>
/// <param name="maxFrameBytes">Most bytes of one frame, unescaped, its type byte included.</param>
public sealed class KissDecoder(int maxFrameBytes)
{
    /// <summary>Frame end: begins and ends every frame.</summary>
    public const byte Fend = 0xC0;

    /// <summary>Frame escape.</summary>
    public const byte Fesc = 0xDB;

    /// <summary>Transposed frame end: FESC TFEND is a FEND in the data.</summary>
    public const byte Tfend = 0xDC;

    /// <summary>Transposed frame escape: FESC TFESC is a FESC in the data.</summary>
    public const byte Tfesc = 0xDD;

    private readonly List<byte> frame = [];
    private bool started;
    private bool escaped;
    private bool oversized;

    /// <summary>A data frame on radio port <paramref name="port"/> as a TNC sends it: escaped, between FENDs.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> frame, int port = 0)
    {
        var bytes = new List<byte>(frame.Length + 8) { Fend, (byte)((port & 0x0F) << 4) };
        foreach (var b in frame)
        {
            if (b == Fend)
            {
                bytes.Add(Fesc);
                bytes.Add(Tfend);
            }
            else if (b == Fesc)
            {
                bytes.Add(Fesc);
                bytes.Add(Tfesc);
            }
            else
            {
                bytes.Add(b);
            }
        }

        bytes.Add(Fend);
        return [.. bytes];
    }

    /// <summary>Takes in the next bytes of the stream and adds each frame they complete to <paramref name="frames"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, List<KissFrame> frames)
    {
        foreach (var b in bytes)
        {
            if (b == Fend)
            {
                Complete(frames);
                started = true;
                continue;
            }

            if (!started)
            {
                continue;
            }

            if (escaped)
            {
                escaped = false;
                Add(b == Tfend ? Fend : b == Tfesc ? Fesc : b);
            }
            else if (b == Fesc)
            {
                escaped = true;
            }
            else
            {
                Add(b);
            }
        }
    }

    private void Add(byte b)
    {
        if (frame.Count >= maxFrameBytes)
        {
            oversized = true;
            frame.Clear();
        }

        if (!oversized)
        {
            frame.Add(b);
        }
    }

    private void Complete(List<KissFrame> frames)
    {
        if (oversized)
        {
            frames.Add(new KissFrame(0, KissFrame.DataFrame, [], Oversized: true));
        }
        else if (frame.Count > 0)
        {
            frames.Add(new KissFrame(frame[0] >> 4, frame[0] & 0x0F, [.. frame.Skip(1)]));
        }

        frame.Clear();
        escaped = false;
        oversized = false;
    }
}
