using System.Globalization;
using System.Text;

namespace Command.Domain.Units;

/// <summary>
/// The compatibility forms of Latin letters, digits and Greek letters, read as Unicode's NFKC reads them: full-width
/// forms, the mathematical alphanumerics, circled and parenthesised letters and digits, superscript and subscript digits,
/// Roman numerals, ligatures and letterlike symbols. The host runs without ICU (invariant globalization), where
/// <see cref="string.Normalize(NormalizationForm)"/> leaves every one of them as it is, so they are read here.
/// </summary>
internal static class CompatibilityForms
{
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "L", "C", "D", "M"];

    private static readonly string[] Ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"];

    // The Greek letters of each mathematical style, in the order the block gives them.
    private const string MathGreek = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ";

    private static readonly Dictionary<int, string> Single = new()
    {
        [0x00B2] = "2", [0x00B3] = "3", [0x00B9] = "1", [0x00B5] = "μ", [0x017F] = "s", [0x2070] = "0", [0x2071] = "i", [0x207F] = "n",
        [0x2102] = "C", [0x210A] = "g", [0x210B] = "H", [0x210C] = "H", [0x210D] = "H", [0x210E] = "h", [0x2110] = "I", [0x2111] = "I",
        [0x2112] = "L", [0x2113] = "l", [0x2115] = "N", [0x2116] = "No", [0x2119] = "P", [0x211A] = "Q", [0x211B] = "R", [0x211C] = "R",
        [0x211D] = "R", [0x2120] = "SM", [0x2121] = "TEL", [0x2122] = "TM", [0x2124] = "Z", [0x2126] = "Ω", [0x2128] = "Z", [0x212A] = "K",
        [0x212B] = "Å", [0x212C] = "B", [0x212D] = "C", [0x212F] = "e", [0x2130] = "E", [0x2131] = "F", [0x2133] = "M", [0x2134] = "o",
        [0x2139] = "i", [0x2145] = "D", [0x2146] = "d", [0x2147] = "e", [0x2148] = "i", [0x2149] = "j", [0x24EA] = "0",
        [0x1D6A4] = "ı", [0x1D6A5] = "ȷ", [0x1D7CA] = "Ϝ", [0x1D7CB] = "ϝ",
    };

    /// <summary>What <paramref name="rune"/> reads as, or null where it reads as itself.</summary>
    public static string? Read(Rune rune)
    {
        var c = rune.Value;
        return c switch
        {
            >= 0xFF01 and <= 0xFF5E => ((char)(c - 0xFEE0)).ToString(),
            >= 0x2074 and <= 0x2079 => Digit(c - 0x2070),
            >= 0x2080 and <= 0x2089 => Digit(c - 0x2080),
            >= 0x2160 and <= 0x216F => Roman[c - 0x2160],
            >= 0x2170 and <= 0x217F => Roman[c - 0x2170].ToLowerInvariant(),
            >= 0x2460 and <= 0x2473 => Number(c - 0x2460 + 1),
            >= 0x2474 and <= 0x2487 => $"({Number(c - 0x2474 + 1)})",
            >= 0x2488 and <= 0x249B => $"{Number(c - 0x2488 + 1)}.",
            >= 0x249C and <= 0x24B5 => $"({(char)('a' + c - 0x249C)})",
            >= 0x24B6 and <= 0x24CF => ((char)('A' + c - 0x24B6)).ToString(),
            >= 0x24D0 and <= 0x24E9 => ((char)('a' + c - 0x24D0)).ToString(),
            >= 0xFB00 and <= 0xFB06 => Ligatures[c - 0xFB00],
            >= 0x1F130 and <= 0x1F149 => ((char)('A' + c - 0x1F130)).ToString(),
            >= 0x1D400 and <= 0x1D6A3 => MathLatin((c - 0x1D400) % 52),
            >= 0x1D6A8 and <= 0x1D7C9 => MathGreek[(c - 0x1D6A8) % 58].ToString(),
            >= 0x1D7CE and <= 0x1D7FF => Digit((c - 0x1D7CE) % 10),
            _ => Single.GetValueOrDefault(c),
        };
    }

    private static string MathLatin(int index) => ((char)(index < 26 ? 'A' + index : 'a' + index - 26)).ToString();

    private static string Digit(int digit) => ((char)('0' + digit)).ToString();

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
