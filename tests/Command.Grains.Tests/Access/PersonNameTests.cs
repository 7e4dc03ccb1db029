using Command.Grains.Access;

namespace Command.Grains.Tests.Access;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Sgt Ruiz", "SGT RUIZ")]
    [InlineData("admin", "\u0430dmin")] // Cyrillic а
    [InlineData("admin", "\uFF41\uFF44\uFF4D\uFF49\uFF4E")] // fullwidth
    [InlineData("admin", "adm\u0131n")] // dotless ı
    [InlineData("ADMIN", "ADM\u0130N")] // dotted İ
    [InlineData("Bob", "\u0412ob")] // Cyrillic В
    [InlineData("Kato", "\u039A\u03B1\u03C4\u03BF")] // Greek Κατο
    [InlineData("Strauß", "STRAUSS")]
    [InlineData("Jos\u00E9", "Jose\u0301")] // é typed as e and a combining acute
    [InlineData("Nguy\u1EC5n", "NGUYE\u0302\u0303N")] // ễ typed as its letter and two marks, in capitals
    [InlineData("ad\u00EFn", "ad\u0457n")] // Cyrillic ї
    [InlineData("\u00E1dmin", "\u03ACdmin")] // Greek ά, α with a tonos
    [InlineData("admin", "admi\u0307n")] // i with a dot above, which it has already
    [InlineData("drill", "drill\uFE0F")] // a variation selector, which draws nothing
    [InlineData("drill", "dr\u034Fill")] // a combining grapheme joiner
    public void Names_that_read_as_one_person_are_the_same_name(string held, string typed) =>
        Assert.True(PersonName.Same(held, typed), $"'{typed}' should read as '{held}'");

    [Theory]
    [InlineData("Jose", "José")]
    [InlineData("Lt Lee", "Lt Lea")]
    [InlineData("Nguy\u1EC5n", "Nguy\u1EBDn")] // ễ and ẽ
    [InlineData("Ivan", "\u0418\u0432\u0430\u043D")] // Иван, Ivan in Cyrillic, reads as itself
    public void Names_that_read_apart_stay_apart(string held, string typed) =>
        Assert.False(PersonName.Same(held, typed), $"'{typed}' should not read as '{held}'");

    [Fact]
    public void A_typed_name_finds_its_exact_spelling_first_and_a_look_alike_only_when_one_person_answers_to_it()
    {
        // Two names that read alike can be held only from before they were compared so: each keeps its exact spelling.
        string[] held = ["admin", "\u0430dmin", "Sgt Ruiz"];

        var found = new[] { "admin", "\u0430dmin", "ADMIN", "sgt ruiz", "Sgt Ortiz" }.Select(typed => PersonName.Find(held, typed)).ToList();

        Assert.Equal(["admin", "\u0430dmin", null, "Sgt Ruiz", null], found);
    }
}
