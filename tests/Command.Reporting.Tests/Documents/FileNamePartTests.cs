using Command.Reporting.Documents;

namespace Command.Reporting.Tests.Documents;

public sealed class FileNamePartTests
{
    [Theory]
    [InlineData("A1", "A1")]
    [InlineData("Адам-1", "Адам-1")]
    [InlineData("Борис-1", "Борис-1")]
    [InlineData("警察-2", "警察-2")]
    [InlineData("अजय-3", "अजय-3")]
    [InlineData("Δ_4.b", "Δ_4.b")]
    [InlineData("Jose\u0301", "Jose\u0301")]
    [InlineData("a/b?c", "a_b_c")]
    [InlineData("a\\b:c*d|e<f>g\"h", "a_b_c_d_e_f_g_h")]
    [InlineData("Адам 1", "Адам_1")]
    [InlineData("a\u202Eb", "a_b")]
    [InlineData("🚓1", "_1")]
    [InlineData("../..", "_")]
    [InlineData("..Адам..", "Адам")]
    public void Letters_and_digits_of_any_script_are_kept_and_only_what_is_unsafe_in_a_name_is_replaced(string id, string part) =>
        Assert.Equal(part, FileNamePart.Of(id));

    [Fact]
    public void A_name_in_a_script_of_three_bytes_a_letter_stays_inside_what_a_file_system_takes()
    {
        var part = FileNamePart.Of(new string('警', 64));

        Assert.Equal(new string('警', FileNamePart.MaxUtf8Bytes / 3), part);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount($"ics214-{part}-99.docx") < 255);
    }
}
