using Command.Ingest.Kiss;

namespace Command.Ingest.Tests.Kiss;

public sealed class KissDecoderTests
{
    private static List<KissFrame> Decode(int max, params byte[][] pieces)
    {
        var decoder = new KissDecoder(max);
        var frames = new List<KissFrame>();
        foreach (var piece in pieces)
        {
            decoder.Feed(piece, frames);
        }

        return frames;
    }

    [Fact]
    public void A_frame_split_across_reads_with_escaped_bytes_comes_out_whole_and_unescaped()
    {
        byte[] stream = [0xC0, 0x00, 0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03, 0xC0];

        var frames = Decode(64, stream[..4], stream[4..5], stream[5..]);

        var frame = Assert.Single(frames);
        Assert.Equal((0, KissFrame.DataFrame, false), (frame.Port, frame.Command, frame.Oversized));
        Assert.Equal([0x01, 0xC0, 0x02, 0xDB, 0x03], frame.Data);
    }

    [Fact]
    public void Frames_back_to_back_fill_and_what_came_before_the_first_frame_end_are_read_as_a_tnc_sends_them()
    {
        // Joined mid-frame; two frames sharing a FEND; FENDs as fill; a frame on radio port 2; a parameter frame.
        byte[] stream = [0x41, 0x42, 0xC0, 0x00, 0x0A, 0xC0, 0x20, 0x0B, 0xC0, 0xC0, 0xC0, 0x01, 0x32, 0xC0];

        var frames = Decode(64, stream);

        Assert.Equal([(0, 0, "0A"), (2, 0, "0B"), (0, 1, "32")], frames.Select(f => (f.Port, f.Command, Convert.ToHexString(f.Data))));
    }

    [Fact]
    public void An_escape_before_anything_but_its_two_transposed_bytes_is_dropped_and_the_frame_goes_on()
    {
        var frame = Assert.Single(Decode(64, [0xC0, 0x00, 0x01, 0xDB, 0x41, 0x02, 0xC0]));

        Assert.Equal([0x01, 0x41, 0x02], frame.Data);
    }

    [Fact]
    public void A_frame_past_the_limit_is_given_as_oversized_without_its_bytes_and_the_next_is_read()
    {
        var frames = Decode(8, [0xC0, 0x00, .. Enumerable.Repeat<byte>(0x41, 20), 0xC0, 0x00, 0x42, 0xC0]);

        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].Oversized);
        Assert.Empty(frames[0].Data);
        Assert.Equal([0x42], frames[1].Data);
        // Exactly at the limit, type byte included, is no oversized frame.
        Assert.False(Assert.Single(Decode(8, [0xC0, 0x00, .. Enumerable.Repeat<byte>(0x41, 7), 0xC0])).Oversized);
    }
}
