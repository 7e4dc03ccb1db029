using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Cot;

/// <summary>An event's bytes read in the encoding it is written in, as its byte order mark or XML declaration says.</summary>
public sealed class CotEncodingTests
{
    private static readonly CotParser Parser = new(CotOptions.Default);

    private static string Declared(string encoding, string callsign = "José Muñoz", string uid = "ANDROID-1") =>
        $"<?xml version='1.0' encoding='{encoding}' standalone='yes'?>\n" + CotParserTests.Event(uid: uid, detail: $"<contact callsign='{callsign}'/>");

    private static string? Callsign(byte[] message) => Parser.Parse(message).Report?.Report?.Callsign;

    private static Rejection? Refusal(byte[] message) => Parser.Parse(message).Report?.Rejection;

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("iso-8859-1")]
    [InlineData("latin1")]
    [InlineData("ISO_8859-1")]
    public void An_event_declared_latin1_keeps_its_accented_callsign(string name)
    {
        Assert.Equal("José Muñoz", Callsign(Encoding.Latin1.GetBytes(Declared(name))));
    }

    [Fact]
    public void A_hostile_markers_latin1_remarks_read_as_written()
    {
        var xml = "<?xml version='1.0' encoding='ISO-8859-1'?>" + CotParserTests.Event("a-h-G", uid: "H-1", how: "h-g-i-g-o", detail: "<remarks>armé, près de l'entrée</remarks>");

        Assert.Equal("armé, près de l'entrée", Parser.Parse(Encoding.Latin1.GetBytes(xml)).Threat?.Remarks);
    }

    [Fact]
    public void An_event_declared_windows_1252_reads_what_latin1_has_no_letter_for()
    {
        // Curly quotes (0x93, 0x94), an en dash (0x96) and the euro (0x80): in ISO-8859-1 those bytes are control
        // characters, which a callsign drops.
        var message = CodePagesEncodingProvider.Instance.GetEncoding("windows-1252")!.GetBytes(Declared("windows-1252", "“Zoë” – €"));

        Assert.Equal("“Zoë” – €", Callsign(message));
    }

    [Theory]
    [InlineData("koi8-r", "Иван")]
    [InlineData("ISO-8859-15", "Œuvre €")]
    [InlineData("shift_jis", "山田")]
    public void An_event_in_a_code_page_dotnet_ships_with_reads_as_written(string name, string callsign)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(name)!;

        Assert.Equal(callsign, Callsign(encoding.GetBytes(Declared(name, callsign))));
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("utf-8")]
    [InlineData(null)]
    public void A_utf8_event_reads_as_it_always_did(string? name)
    {
        var xml = name is null ? CotParserTests.Event(uid: "ANDROID-1", detail: "<contact callsign='José Muñoz'/>") : Declared(name);

        Assert.Equal("José Muñoz", Callsign(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void A_utf8_event_starting_with_a_byte_order_mark_reads_as_written_whatever_it_declares()
    {
        // The byte order mark says the encoding, as an XML reader takes it.
        Assert.Equal("José Muñoz", Callsign([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Declared("UTF-8"))]));
        Assert.Equal("José Muñoz", Callsign([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Declared("ISO-8859-1"))]));
    }

    [Theory]
    [InlineData("US-ASCII")]
    [InlineData("ascii")]
    public void An_event_declared_ascii_reads_as_utf8_its_superset(string name)
    {
        Assert.Equal("NOVEMBER 20", Callsign(Encoding.ASCII.GetBytes(Declared(name, "NOVEMBER 20"))));
    }

    [Fact]
    public void An_event_declared_utf16_but_written_in_utf8_reads_as_utf8()
    {
        // What .NET's XmlWriter writes through a StringWriter, sent as UTF-8: the declaration says UTF-16 and is read as
        // ASCII, so the text is 8-bit.
        Assert.Equal("José Muñoz", Callsign(Encoding.UTF8.GetBytes(Declared("utf-16"))));
    }

    [Fact]
    public void Utf16_events_with_a_byte_order_mark_or_without_read_as_written()
    {
        var xml = Declared("UTF-16");

        Assert.Equal("José Muñoz", Callsign([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)]));
        Assert.Equal("José Muñoz", Callsign([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(xml)]));
        Assert.Equal("José Muñoz", Callsign(Encoding.Unicode.GetBytes(xml)));
        Assert.Equal("José Muñoz", Callsign(Encoding.BigEndianUnicode.GetBytes(xml)));
        Assert.Equal("José Muñoz", Callsign([.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(xml)]));
    }

    [Theory]
    [InlineData("x-mac-klingon", "encoding 'x-mac-klingon' named in its XML declaration is not one read here")]
    [InlineData("UTF-7", "encoding 'UTF-7' named in its XML declaration is not one read here")]
    [InlineData("utf 8", "encoding 'utf 8' named in its XML declaration is no encoding's name")]
    [InlineData("IBM037", "encoding 'IBM037' named in its XML declaration is not the one it is written in: its declaration does not read in it")]
    public void An_event_in_an_encoding_that_cannot_be_read_is_refused_by_its_name(string name, string detail)
    {
        var incoming = Parser.Parse(Encoding.Latin1.GetBytes(Declared(name, uid: "ANDROID-9")));

        Assert.Equal(new Rejection(RejectReason.Malformed, detail), incoming.Report?.Rejection);
        // Recorded as it came, read as UTF-8, so that the after-action team sees what was sent.
        Assert.StartsWith($"<?xml version='1.0' encoding='{name}'", incoming.Report?.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_no_character_in_the_declared_encoding_are_refused_naming_them()
    {
        // 0x82 0x20: a Shift_JIS lead byte followed by one no character takes.
        byte[] message = [.. Encoding.ASCII.GetBytes(Declared("shift_jis", "AB")).AsSpan()];
        var at = Encoding.ASCII.GetString(message).IndexOf("AB", StringComparison.Ordinal);
        message[at] = 0x82;
        message[at + 1] = 0x20;

        Assert.Equal(new Rejection(RejectReason.Malformed, "its bytes do not read as shift_jis: 0x8220 is no character in it"), Refusal(message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UTF-8")]
    [InlineData("US-ASCII")]
    public void Latin1_text_read_as_utf8_is_refused_naming_the_byte_not_read_as_replacement_characters(string? declared)
    {
        // A gateway writing ISO-8859-1 that declares nothing, or declares UTF-8: "José" was read as "Jos\uFFFD".
        var xml = declared is null ? CotParserTests.Event(uid: "ANDROID-1", detail: "<contact callsign='José Muñoz'/>") : Declared(declared);
        var message = Encoding.Latin1.GetBytes(xml);
        var at = Array.IndexOf(message, (byte)0xE9);

        var incoming = Parser.Parse(message);

        Assert.Equal(
            new Rejection(RejectReason.Malformed, $"its bytes are not UTF-8: 0xE9 at byte {at} is no character in it (text in another encoding must name it in its XML declaration)"),
            incoming.Report?.Rejection);
        Assert.Null(incoming.Report?.Report);
        Assert.Contains("Jos\uFFFD", incoming.Report?.Raw, StringComparison.Ordinal);
        // Named by the uid its start tag gives, so that it is recorded on its unit's row, in its unit's incident.
        Assert.Equal("ANDROID-1", incoming.Report?.UnitId);
    }

    [Fact]
    public void A_uid_that_is_itself_not_text_names_no_unit()
    {
        var message = Encoding.Latin1.GetBytes(CotParserTests.Event(uid: "ANDRÉ-1"));

        var incoming = Parser.Parse(message);

        Assert.Equal(RejectReason.Malformed, incoming.Report?.Rejection?.Reason);
        Assert.Null(incoming.Report?.UnitId);
    }

    [Fact]
    public void A_utf8_sequence_cut_short_is_refused_and_whole_ones_read()
    {
        // "é" is 0xC3 0xA9 in UTF-8: its first byte alone, before a quote, is no character.
        var whole = Encoding.UTF8.GetBytes(CotParserTests.Event(uid: "ANDROID-1", detail: "<contact callsign='Renée'/>"));
        var cut = whole.Where((b, i) => b != 0xA9).ToArray();

        Assert.Equal("Renée", Callsign(whole));
        Assert.StartsWith("its bytes are not UTF-8: 0xC3 at byte ", Refusal(cut)?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_event_cut_to_an_odd_byte_is_refused_saying_so()
    {
        byte[] message = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Declared("UTF-16")), 0x3C];

        Assert.Equal(RejectReason.Malformed, Refusal(message)?.Reason);
        Assert.StartsWith("its bytes do not read as utf-16: 0x", Refusal(message)?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_before_an_event_is_passed_over_in_any_encoding()
    {
        Assert.Equal("José Muñoz", Callsign(Encoding.Latin1.GetBytes("\r\n " + Declared("ISO-8859-1"))));
    }
}
