using Command.Domain.Text;

namespace Command.Domain.Tests.Text;

public sealed class CanonicalCompositionTests
{
    [Theory]
    [InlineData("Jose\u0301", "Jos\u00E9")] // e and a combining acute
    [InlineData("Nguye\u0302\u0303n", "Nguy\u1EC5n")] // Vietnamese ễ from e, circumflex, tilde
    [InlineData("Nguy\u00EA\u0303n", "Nguy\u1EC5n")] // ê and a tilde
    [InlineData("o\u0323\u0302", "\u1ED9")] // ộ: the mark below and the one above, typed in either order
    [InlineData("o\u0302\u0323", "\u1ED9")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")] // Hangul jamo into a syllable
    [InlineData("\u0915\u093C", "\u0915\u093C")] // Devanagari क़ stays apart: excluded from composition
    [InlineData("\u0301e", "\u0301e")] // a mark before any letter joins nothing
    public void Text_is_composed_as_Unicode_NFC_composes_it(string typed, string composed) =>
        Assert.Equal(composed, CanonicalComposition.Compose(typed));

    [Theory]
    [InlineData("\u1ED9", "o\u0323\u0302")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("\uAC01", "\u1100\u1161\u11A8")]
    [InlineData("a\u0301\u0323", "a\u0323\u0301")] // marks in canonical order: below (220) before above (230)
    public void Text_is_decomposed_as_Unicode_NFD_decomposes_it(string typed, string decomposed) =>
        Assert.Equal(decomposed, CanonicalComposition.Decompose(typed));

    [Fact]
    public void Text_that_needs_no_composing_is_kept_as_it_is()
    {
        string[] names = ["\u0928\u092E\u0938\u094D\u0924\u0947", "\u0E2A\u0E21\u0E0A\u0E32\u0E22", "Sgt Ruiz", "\u0418\u0432\u0430\u043D"];

        Assert.Equal(names, names.Select(CanonicalComposition.Compose));
    }
}
