using System.Text;
using Command.Recording.Csv;

namespace Command.Recording.Tests.Csv;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")]
    [InlineData("+SUM(1,2)", "\"'+SUM(1,2)\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@evil", "\"'@evil\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_quoted_with_a_single_quote_before_it(string text, string field) =>
        Assert.Equal(field, CsvWriter.Field(CsvCell.Text(text)));

    [Theory]
    [InlineData("Adam 1", "Adam 1")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("1+1=2", "1+1=2")]
    [InlineData("", "")]
    public void Other_text_is_written_as_it_is_and_quoted_only_where_rfc_4180_needs_it(string text, string field) =>
        Assert.Equal(field, CsvWriter.Field(text));

    [Fact]
    public void A_negative_number_stays_a_number()
    {
        Assert.Equal("-42.5", CsvWriter.Field(CsvCell.Number(-42.5)));
        Assert.Equal("-3", CsvWriter.Field(CsvCell.Number(-3)));
        Assert.Equal("-1.25", CsvWriter.Field(CsvCell.Seconds(TimeSpan.FromSeconds(-1.25))));
        Assert.Equal("", CsvWriter.Field(CsvCell.Number(null)));
    }

    [Fact]
    public async Task Rows_are_written_with_crlf_and_no_byte_order_mark()
    {
        using var stream = new MemoryStream();

        await CsvWriter.WriteAsync(stream, [["unit", "x_m"], ["=1+1", CsvCell.Number(-12.5)], [], ["@a", CsvCell.Number(3)]], TestContext.Current.CancellationToken);

        Assert.Equal("unit,x_m\r\n\"'=1+1\",-12.5\r\n\r\n\"'@a\",3\r\n", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal((byte)'u', stream.ToArray()[0]);
    }
}
