using Command.Domain.Units;

namespace Command.Domain.Tests.Units;

public sealed class CallsignKeyTests
{
    [Theory]
    [InlineData("P1", "p1")]
    [InlineData("SRO-1", "sro-1")]
    [InlineData("P1", "\u04201")] // Cyrillic capital Er
    [InlineData("P1", "\u04401")] // Cyrillic small er
    [InlineData("ALPHA 7", "\u0391LPH\u0391 7")] // Greek capital Alpha
    [InlineData("KOBE", "\u041a\u039f\u0412\u0415")] // Cyrillic and Greek capitals
    [InlineData("TX-3", "\u0422\u03a7-3")]
    [InlineData("P1", "\uff30\uff11")] // full-width
    [InlineData("P1", "\U0001D40F1")] // mathematical bold capital P
    [InlineData("P1", "\u24c5\u2460")] // circled P, circled 1
    [InlineData("Unit IV", "Unit \u2163")] // Roman numeral four
    [InlineData("SRO-1", "SRO\u20131")] // en dash
    [InlineData("SRO-1", "SRO\u22121")] // minus sign
    [InlineData("Medic 2", "Medic\u00a0 2")] // no-break space, two spaces
    [InlineData("fire 1", "\ufb01re 1")] // ligature fi
    [InlineData("K9", "\u212a9")] // Kelvin sign
    [InlineData("J1", "\u04081")] // Cyrillic Je
    [InlineData("P\u00e91", "Pe\u03011")] // é typed as one character, and as e and a combining acute
    [InlineData("P\u00c9 1", "pe\u0301 1")]
    [InlineData("\u1ec6-2", "E\u0323\u0302-2")] // Ệ, its two marks typed in either order
    [InlineData("\u1ec6-2", "E\u0302\u0323-2")]
    [InlineData("P\u00e91", "\u0420e\u03011")] // a Cyrillic Er before the accented letter
    [InlineData("\u00c91", "\u0415\u03011")] // Cyrillic Ie under a combining acute reads as É
    [InlineData("P1", "P1\u034f")] // a combining grapheme joiner draws nothing
    public void Callsigns_that_read_alike_have_one_key(string one, string other) =>
        Assert.Equal(CallsignKey.Of(one), CallsignKey.Of(other));

    [Theory]
    [InlineData("P1", "P2")]
    [InlineData("P0", "PO")]
    [InlineData("P1", "PI")]
    [InlineData("P 1", "P1")]
    [InlineData("Unit 4", "Unit \u2163")] // Roman numeral four reads IV, not 4
    [InlineData("José 1", "Jose 1")]
    [InlineData("\u0414\u0421", "AC")] // Cyrillic De reads as no Latin letter
    public void Callsigns_a_reader_tells_apart_have_their_own_keys(string one, string other) =>
        Assert.NotEqual(CallsignKey.Of(one), CallsignKey.Of(other));

    [Fact]
    public void A_key_is_the_callsign_in_latin_capitals_as_it_reads()
    {
        Assert.Equal("P1", CallsignKey.Of("\u04401").Value);
        Assert.Equal("SRO-1", CallsignKey.Of(" sro\u2013\uff11 ").Value);
        Assert.Equal("ALPHA 7", CallsignKey.Of("alpha   7").Value);
        Assert.Equal("P\u00c91", CallsignKey.Of("pe\u03011").Value);
    }
}
