using System.IO.Pipelines;
using System.Text;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

public sealed class FrameReaderTests
{
    private static Task<List<string>> FramesAsync(string stream) =>
        FramesAsync(stream, pipe => new FrameReader(pipe, "</event>"u8.ToArray(), keepDelimiter: true, maxFrameBytes: 1024));

    private static Task<List<string>> LinesAsync(string stream) => FramesAsync(stream, Lines);

    private static FrameReader Lines(PipeReader pipe) => new(pipe, FrameReader.LineEnds, keepDelimiter: false, maxFrameBytes: 16, anyOf: true);

    private static async Task<List<string>> FramesAsync(string stream, Func<PipeReader, FrameReader> open)
    {
        var pipe = new Pipe();
        var reader = open(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(stream), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        var frames = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add(frame.Text);
        }

        return frames;
    }

    [Fact]
    public async Task Whitespace_after_the_last_message_is_no_message()
    {
        // A file sent with nc ends in a newline after its last </event>.
        Assert.Equal(["<event/></event>", "\n<event/></event>"], await FramesAsync("<event/></event>\n<event/></event>\r\n \t\n"));
    }

    [Fact]
    public async Task An_unfinished_message_when_the_stream_ends_is_still_a_message()
    {
        Assert.Equal(["<event/></event>", "\n<event uid='U1'"], await FramesAsync("<event/></event>\n<event uid='U1'"));
    }

    [Theory]
    [InlineData("UNIT N20\r$GPRMC,1\r$GPRMC,2\r")]
    [InlineData("UNIT N20\n$GPRMC,1\n$GPRMC,2\n")]
    [InlineData("UNIT N20\r\n$GPRMC,1\r\n$GPRMC,2\r\n")]
    [InlineData("UNIT N20\r\n$GPRMC,1\r$GPRMC,2\n\r\n")]
    public async Task A_line_ends_at_cr_lf_or_crlf_and_what_lies_between_two_ends_is_no_line(string stream)
    {
        // Some serial-to-TCP gateways end a receiver's NMEA lines with a bare CR.
        Assert.Equal(["UNIT N20", "$GPRMC,1", "$GPRMC,2"], await LinesAsync(stream));
    }

    [Fact]
    public async Task A_crlf_split_between_two_reads_ends_one_line()
    {
        var pipe = new Pipe();
        var reader = Lines(pipe.Reader);
        var ct = TestContext.Current.CancellationToken;

        await pipe.Writer.WriteAsync("$GPRMC,1\r"u8.ToArray(), ct);
        var first = await reader.ReadAsync(ct);
        await pipe.Writer.WriteAsync("\n$GPRMC,2\r"u8.ToArray(), ct);
        var second = await reader.ReadAsync(ct);
        await pipe.Writer.WriteAsync("\n"u8.ToArray(), ct);
        await pipe.Writer.CompleteAsync();
        var end = await reader.ReadAsync(ct);

        Assert.Equal(("$GPRMC,1", "$GPRMC,2", (Frame?)null), (first?.Text, second?.Text, end));
    }

    [Fact]
    public async Task A_line_too_long_is_cut_once_and_the_next_line_after_a_bare_cr_is_read()
    {
        var lines = await LinesAsync(new string('x', 40) + "\r$GPRMC,2\r");

        Assert.Equal([new string('x', 40), "$GPRMC,2"], lines);
    }
}
