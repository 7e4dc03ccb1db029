using System.Buffers;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Json;

namespace Command.Ingest.Tests.Json;

public sealed class ReportBatchJsonTests
{
    private const string P1 = "{\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0}";
    private const string P2 = "{\"unitId\":\"P2\", \"fixTime\":\"2026-03-14T15:00:01Z\", \"lat\":44.5, \"lon\":-100.5}";

    [Fact]
    public void Items_are_read_in_order_with_their_text_as_sent()
    {
        var read = ReportBatchJson.Parse(Bytes("{\"reports\": [" + P1 + ", " + P2 + "]}"));

        Assert.Null(read.Refusal);
        Assert.Equal(["P1", "P2"], read.Items.Select(i => i.Report!.UnitId));
        Assert.Equal([P1, P2], read.Items.Select(i => i.Raw));
        Assert.Equal(44.5, read.Items[1].Report!.Position.Latitude);
    }

    [Fact]
    public void A_body_saved_with_a_utf8_byte_order_mark_is_read_as_one_without()
    {
        // PowerShell's Set-Content -Encoding UTF8 and Notepad write the mark first; the API's other endpoints read past it.
        var read = ReportBatchJson.Parse([0xEF, 0xBB, 0xBF, .. Bytes("{\"reports\": [" + P1 + ", " + P2 + "]}")]);

        Assert.Null(read.Refusal);
        Assert.Equal([P1, P2], read.Items.Select(i => i.Raw));
    }

    [Fact]
    public void A_body_in_utf16_is_refused_saying_to_send_utf8()
    {
        var little = ReportBatchJson.Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"reports\": [" + P1 + "]}")).ToArray());
        var big = ReportBatchJson.Parse(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("{\"reports\": [" + P1 + "]}")).ToArray());

        var expected = new Rejection(RejectReason.Malformed, "the body is UTF-16 (it starts with its byte order mark): send it as UTF-8");
        Assert.Equal((expected, expected), (little.Refusal, big.Refusal));
    }

    [Fact]
    public void An_item_that_is_not_an_object_is_refused_for_what_it_is_and_the_rest_are_read()
    {
        var read = ReportBatchJson.Parse(Bytes("{\"reports\":[7, \"P1\", [1, [2]], null, true, " + P1 + "]}"));

        Assert.Equal(
            ["a report is a JSON object, not Number", "a report is a JSON object, not String", "a report is a JSON object, not Array", "a report is a JSON object, not Null", "a report is a JSON object, not True"],
            read.Items.Take(5).Select(i => i.Rejection!.Detail));
        Assert.All(read.Items.Take(5), i => Assert.Equal(RejectReason.Malformed, i.Rejection!.Reason));
        Assert.Equal(["7", "\"P1\"", "[1, [2]]", "null", "true"], read.Items.Take(5).Select(i => i.Raw));
        Assert.Equal("P1", read.Items[5].Report!.UnitId);
    }

    [Fact]
    public void Escaped_names_and_values_are_read_as_their_text()
    {
        var read = ReportBatchJson.Parse(Bytes("{\"rep\\u006frts\":[{\"unit\\u0049d\":\"P\\u00e91\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0,\"callsign\":\"Alpha \\\"1\\\"\"}]}"));

        var report = Assert.Single(read.Items).Report!;
        Assert.Equal("Pé1", report.UnitId);
        Assert.Equal("Alpha \"1\"", report.Callsign);
    }

    [Fact]
    public void A_report_whose_text_is_not_utf8_or_holds_half_a_surrogate_pair_is_refused_by_field_and_the_rest_are_read()
    {
        // "Jos\xE9": Latin-1 from a client that declares nothing; "\ud800" alone: JSON, but no text.
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("{\"unitId\":\"P3\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0,\"callsign\":\"Jos"), 0xE9, .. "\"}"u8];
        var body = (byte[])[.. "{\"reports\":["u8, .. latin1, .. ","u8, .. Encoding.ASCII.GetBytes("{\"unitId\":\"P\\ud8004\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0}," + P1), .. "]}"u8];

        var read = ReportBatchJson.Parse(body);

        Assert.Null(read.Refusal);
        Assert.Equal(
            [(RejectReason.Malformed, "'callsign' " + JsonText.NotText), (RejectReason.Malformed, "'unitId' " + JsonText.NotText)],
            read.Items.Take(2).Select(i => (i.Rejection!.Reason, i.Rejection.Detail)));
        // The first names its unit, for its row; its text is kept as it came, the byte it could not read marked.
        Assert.Equal("P3", read.Items[0].UnitId);
        Assert.Contains("Jos\uFFFD", read.Items[0].Raw, StringComparison.Ordinal);
        Assert.Equal("P1", read.Items[2].Report!.UnitId);
    }

    [Fact]
    public void A_field_name_that_is_not_utf8_is_quoted_as_sent_in_its_refusal()
    {
        byte[] body = [.. "{\"reports\":[{\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0,\"call"u8, 0xE9, .. "\":1}]}"u8];

        var item = Assert.Single(ReportBatchJson.Parse(body).Items);

        Assert.Equal((RejectReason.UnknownField, true), (item.Rejection!.Reason, item.Rejection.Detail.StartsWith("a report takes no field 'call\uFFFD'", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{\"reports\":[" + P1 + ",")]
    [InlineData("{\"reports\":[" + P1 + "]} x")]
    [InlineData("{\"reports\":[" + P1 + "]}{}")]
    [InlineData("{\"reports\":[{\"unitId\":\"P1\",}]}")]
    [InlineData("[1, 2")]
    [InlineData("")]
    public void Malformed_json_anywhere_refuses_the_batch_whole(string body)
    {
        var read = ReportBatchJson.Parse(Bytes(body));

        Assert.Equal(RejectReason.Malformed, read.Refusal?.Reason);
        Assert.Empty(read.Items);
    }

    [Theory]
    [InlineData("[" + P1 + "]")]
    [InlineData("{\"reports\":" + P1 + "}")]
    [InlineData("{\"report\":[" + P1 + "]}")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_with_a_reports_array_says_so(string body)
    {
        var read = ReportBatchJson.Parse(Bytes(body));

        Assert.Equal(new Rejection(RejectReason.Malformed, "the body must be an object with a 'reports' array"), read.Refusal);
        Assert.Empty(read.Items);
    }

    [Theory]
    [InlineData("{\"reports\":[],\"x\":1}", "x")]
    [InlineData("{\"sender\":{\"name\":\"TOC\",\"tags\":[1,2]}, \"reports\": [" + P1 + "], \"extra\": [[]]}", "sender")]
    public void A_field_the_body_does_not_take_refuses_it_whole_by_name(string body, string field)
    {
        var read = ReportBatchJson.Parse(Bytes(body));

        Assert.Equal(new Rejection(RejectReason.UnknownField, $"the body takes no field '{field}'; it is an object with a 'reports' array and nothing else"), read.Refusal);
        Assert.Empty(read.Items);
    }

    [Fact]
    public void Reports_given_twice_refuse_the_body_whole()
    {
        var read = ReportBatchJson.Parse(Bytes("{\"reports\":[" + P1 + "],\"reports\":[" + P2 + "]}"));

        Assert.Equal(new Rejection(RejectReason.Malformed, "'reports' is given twice; a body names it once"), read.Refusal);
        Assert.Empty(read.Items);
    }

    [Fact]
    public void More_reports_than_a_request_may_carry_are_refused_with_the_count()
    {
        var body = "{\"reports\":[" + string.Join(",", Enumerable.Repeat(P1, ReportBatchJson.MaxBatch + 2)) + "]}";

        var read = ReportBatchJson.Parse(Bytes(body));

        Assert.Equal(new Rejection(RejectReason.Oversized, $"{ReportBatchJson.MaxBatch + 2} reports in one request; the limit is {ReportBatchJson.MaxBatch}"), read.Refusal);
        Assert.Empty(read.Items);
    }

    [Fact]
    public void A_body_in_many_pieces_reads_as_it_does_whole()
    {
        var bytes = Bytes("{\"reports\":[" + P1 + "," + P2 + ", 5]}");
        var pieces = Segment.Chain(bytes, 7);

        var read = ReportBatchJson.Parse(pieces);

        Assert.Equal(ReportBatchJson.Parse(bytes).Items, read.Items);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A buffer cut into pieces of a given size, as a request body arrives.</summary>
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex) => (Memory, RunningIndex) = (memory, runningIndex);

        public static ReadOnlySequence<byte> Chain(byte[] bytes, int size)
        {
            var first = new Segment(bytes.AsMemory(0, size), 0);
            var last = first;
            for (var at = size; at < bytes.Length; at += size)
            {
                var next = new Segment(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), at);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
