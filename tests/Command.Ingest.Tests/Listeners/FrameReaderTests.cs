using System.IO.Pipelines;
using System.Text;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Time.Testing;
using static Command.Ingest.Tests.Nmea.NmeaDecoderTests;

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

    private static FrameReader Events(PipeReader pipe, int maxFrameBytes = 1024) =>
        new(pipe, "</event>"u8.ToArray(), keepDelimiter: true, maxFrameBytes, starts: CotEventStarts.Instance);

    private static async Task<List<(string Text, bool Oversized, bool CutOff)>> EventsAsync(int maxFrameBytes, params string[] reads)
    {
        var pipe = new Pipe();
        var reader = Events(pipe.Reader, maxFrameBytes);
        var frames = new List<(string, bool, bool)>();
        foreach (var read in reads)
        {
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(read), TestContext.Current.CancellationToken);
        }

        await pipe.Writer.CompleteAsync();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add((frame.Text, frame.Oversized, frame.CutOff));
        }

        return frames;
    }

    [Fact]
    public async Task An_event_read_in_two_parts_split_inside_a_cdata_section_that_holds_an_end_is_one_message()
    {
        // The first read ends inside the remark, after its "</event>": the section may run on, and the event with it.
        const string first = "<event uid='A'><detail><remarks><![CDATA[quoted </event> and";
        const string rest = " more]]></remarks></detail></event>";
        var pipe = new Pipe();
        var reader = Events(pipe.Reader);
        var ct = TestContext.Current.CancellationToken;

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(first), ct);
        var read = reader.ReadAsync(ct);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(rest), ct);
        await pipe.Writer.CompleteAsync();

        Assert.Equal((first + rest, false, false), await read is { } frame ? (frame.Text, frame.Oversized, frame.CutOff) : default);
        Assert.Null(await reader.ReadAsync(ct));
    }

    [Fact]
    public async Task An_event_cut_off_inside_a_cdata_section_ends_where_the_next_begins_before_any_end_is_read()
    {
        // Its section never closes, so no end of its own comes: the next event's start says it was cut off.
        const string cut = "<event uid='A'><detail><remarks><![CDATA[moving to";
        const string next = "<event uid='B'/></event>";

        Assert.Equal([(cut, false, true), (next, false, false)], await EventsAsync(1024, cut + next));
    }

    [Theory]
    [InlineData("<event uid='A'><point lat='1'", "<event uid='B'/></event>")]
    [InlineData("<?xml version='1.0'?>\n<event uid='A'><detail><contact callsign='A'/>\n", "<?xml version='1.0'?>\n<event uid='B'/></event>")]
    [InlineData("<?xml version='1.0'?><event uid='A'", "<?xml version='1.0'?><event\tuid='B'/></event>")]
    [InlineData("<?xml version='1.0' enc", "<?xml version='1.0'?><event uid='B'/></event>")]
    [InlineData("<?xml version='1.0'?>\n", "<?xml version='1.0'?><event>\n<point/></event>")]
    [InlineData("\uFEFF<event uid='A'>", "\uFEFF<event uid='B'/></event>")]
    public async Task An_event_cut_off_short_ends_where_the_next_begins(string cut, string next)
    {
        Assert.Equal([(cut, false, true), (next, false, false)], await EventsAsync(1024, cut + next));
    }

    [Fact]
    public async Task What_only_looks_like_the_start_of_an_event_does_not_cut_one()
    {
        const string Whole = "<?xml version='1.0'?>\n<event uid='A'><detail><eventDetail/><events/><remarks>&lt;event uid='x'&gt; &lt;?xml version='1.0'?&gt;</remarks><?xml-stylesheet href='a'?></detail></event>";

        Assert.Equal([(Whole, false, false), ("\n<event uid='B'/></event>", false, false)], await EventsAsync(1024, Whole + "\n<event uid='B'/></event>"));
    }

    [Fact]
    public async Task A_mark_split_between_two_reads_still_starts_the_next_event()
    {
        var pipe = new Pipe();
        var reader = Events(pipe.Reader);
        var ct = TestContext.Current.CancellationToken;

        await pipe.Writer.WriteAsync("<event uid='A'><point lat='1'/><eve"u8.ToArray(), ct);
        await pipe.Writer.WriteAsync("nt uid='B'/></event>"u8.ToArray(), ct);
        var cut = await reader.ReadAsync(ct);
        var next = await reader.ReadAsync(ct);

        Assert.Equal(("<event uid='A'><point lat='1'/>", true), (cut?.Text, cut?.CutOff));
        Assert.Equal(("<event uid='B'/></event>", false), (next?.Text, next?.CutOff));
    }

    [Fact]
    public async Task Skipping_an_oversized_event_cut_off_short_stops_where_the_next_begins()
    {
        var pipe = new Pipe();
        var reader = Events(pipe.Reader, maxFrameBytes: 64);
        var ct = TestContext.Current.CancellationToken;
        var oversized = "<event uid='A'><remarks>" + new string('x', 200);

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(oversized[..100]), ct);
        var first = await reader.ReadAsync(ct);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(oversized[100..] + "\n<?xml version='1.0'?>"), ct);
        await pipe.Writer.WriteAsync("<event uid='B'/></event>"u8.ToArray(), ct);
        await pipe.Writer.CompleteAsync();
        var second = await reader.ReadAsync(ct);
        var end = await reader.ReadAsync(ct);

        Assert.Equal((oversized[..100], true), (first?.Text, first?.Oversized));
        Assert.Equal(("<?xml version='1.0'?><event uid='B'/></event>", false, false), (second?.Text, second?.Oversized, second?.CutOff));
        Assert.Null(end);
    }

    [Fact]
    public async Task An_event_cut_off_short_past_the_limit_is_oversized_and_the_next_is_read()
    {
        var oversized = "<event uid='A'><remarks>" + new string('x', 100);
        var frames = await EventsAsync(64, oversized + "<event uid='B'/></event>");

        Assert.Equal([(oversized, true, false), ("<event uid='B'/></event>", false, false)], frames);
    }

    [Fact]
    public async Task A_cut_off_event_and_the_next_over_the_limit_together_are_each_read_before_the_next_ends()
    {
        var pipe = new Pipe();
        var reader = Events(pipe.Reader, maxFrameBytes: 64);
        var ct = TestContext.Current.CancellationToken;
        var cut = "<event uid='A'>" + new string('x', 40);

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(cut + "<event uid='B'>" + new string('y', 40)), ct);
        var first = await reader.ReadAsync(ct);
        await pipe.Writer.WriteAsync("</event>"u8.ToArray(), ct);
        var second = await reader.ReadAsync(ct);

        Assert.Equal((cut, false, true), (first?.Text, first?.Oversized, first?.CutOff));
        Assert.Equal(("<event uid='B'>" + new string('y', 40) + "</event>", false), (second?.Text, second?.CutOff));
    }

    [Fact]
    public async Task An_event_cut_off_short_when_the_stream_ends_leaves_the_next_unfinished_one_its_own()
    {
        Assert.Equal([("<event uid='A'", false, true), ("<event uid='B'", false, false)], await EventsAsync(1024, "<event uid='A'<event uid='B'"));
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
    [Fact]
    public async Task Nmea_sentences_run_together_are_cut_at_each_checksum_however_the_stream_is_split_between_reads()
    {
        // A bridge that leaves out the line end between two sentences (or pads it with NULs), a final one unended as it closes.
        const string Gga = "$GPGGA,145955.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,*5E";
        const string Rmc = "$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*45";
        var stream = Encoding.UTF8.GetBytes("UNIT E3\r\n" + Gga + "\0\0" + Rmc + "\r\n" + Gga + Rmc);
        var ct = TestContext.Current.CancellationToken;

        for (var split = 0; split <= stream.Length; split++)
        {
            var pipe = new Pipe();
            var reader = new FrameReader(pipe.Reader, FrameReader.LineEnds, keepDelimiter: false, maxFrameBytes: 1024, anyOf: true, starts: NmeaSentenceStarts.Instance);
            await pipe.Writer.WriteAsync(stream.AsMemory(0, split), ct);
            // Read as far as the first part goes before the rest is written.
            var first = reader.ReadAsync(ct).AsTask();
            await pipe.Writer.WriteAsync(stream.AsMemory(split), ct);
            await pipe.Writer.CompleteAsync();
            var frames = new List<string> { (await first)!.Value.Text };
            while (await reader.ReadAsync(ct) is { } frame)
            {
                frames.Add(frame.Text);
            }

            Assert.Equal(["UNIT E3", Gga, Rmc, Gga, Rmc], frames);
        }
    }

    private static readonly string BareGga = WithChecksum("GPGGA,145955.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,");

    private static readonly string BareRmc = WithChecksum("GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A");

    [Fact(Timeout = 30_000)]
    public async Task A_last_sentence_sent_with_no_line_end_is_a_message_once_the_stream_has_been_quiet_after_it()
    {
        // A bridge that sends no line ends at all: its sentences were cut only by a line end or 512 bytes of others, and its
        // last one waited for them.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader, FrameReader.LineEnds, keepDelimiter: false, maxFrameBytes: 512, anyOf: true, NmeaSentenceStarts.Instance, clock);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(BareGga + BareRmc + "\0"), TestContext.Current.CancellationToken);

        var first = await reader.ReadAsync(TestContext.Current.CancellationToken);
        var last = reader.ReadAsync(TestContext.Current.CancellationToken).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal((BareGga, BareRmc + "\0"), (first?.Text, (await last)?.Text));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_unit_line_sent_with_no_line_end_is_a_message_once_the_stream_has_been_quiet_after_it()
    {
        // A bridge that sends no line ends: its identification line, which has no checksum to end at, waited for more.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader, FrameReader.LineEnds, keepDelimiter: false, maxFrameBytes: 512, anyOf: true, NmeaSentenceStarts.Instance, clock);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("UNIT E3 Engine 3"), TestContext.Current.CancellationToken);

        var unit = reader.ReadAsync(TestContext.Current.CancellationToken).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal("UNIT E3 Engine 3", (await unit)?.Text);
    }

    [Theory]
    [InlineData("UNIT E3")]
    [InlineData("unit E3 Engine 3")]
    [InlineData("UNIT E$3 $ 3")]
    public async Task A_unit_line_run_into_the_next_sentence_ends_where_the_sentence_begins(string unit)
    {
        // Run together, the id was the unit's with the sentence after it (E3$GPRMC,…), refused as too long or bound as it was.
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader, FrameReader.LineEnds, keepDelimiter: false, maxFrameBytes: 512, anyOf: true, starts: NmeaSentenceStarts.Instance);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(unit + BareRmc + BareGga), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();

        var frames = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add(frame.Text);
        }

        Assert.Equal([unit, BareRmc, BareGga], frames);
    }

    [Theory]
    [InlineData("$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*45", true)]
    [InlineData("\0\0$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*45\0", true)]
    [InlineData("$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*46", false)]
    [InlineData("$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*4", false)]
    [InlineData("$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A", false)]
    [InlineData("$GPRMC,145955.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A*45X", false)]
    [InlineData("UNIT E3", true)]
    [InlineData("\0unit E3 Engine 3\0", true)]
    [InlineData("UNIT", false)]
    [InlineData("UNIT  ", false)]
    public void A_sentence_is_whole_without_its_line_end_only_where_its_checksum_is_its_last_and_right_and_a_unit_line_where_it_names_one(string read, bool whole)
    {
        Assert.Equal(whole, ((IMessageStarts)NmeaSentenceStarts.Instance).Ends(new(Encoding.Latin1.GetBytes(read))));
    }
}
