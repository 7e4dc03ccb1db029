namespace Command.Domain.Units;

/// <summary>
/// Characters of other scripts that a reader takes for a Latin capital or a hyphen: the Cyrillic and Greek capitals drawn
/// as A, B, C, E, H, I, J, K, M, N, O, P, S, T, X, Y and so on, and the dashes and minus signs drawn as a hyphen.
/// Lower-case letters are folded to capitals before they are looked up here.
/// </summary>
internal static class Lookalikes
{
    private static readonly Dictionary<int, char> TakenFor = new()
    {
        // Cyrillic capitals.
        ['А'] = 'A', ['В'] = 'B', ['С'] = 'C', ['Е'] = 'E', ['Н'] = 'H', ['І'] = 'I', ['Ӏ'] = 'I', ['Ј'] = 'J', ['К'] = 'K',
        ['М'] = 'M', ['О'] = 'O', ['Р'] = 'P', ['Ԛ'] = 'Q', ['Ѕ'] = 'S', ['Т'] = 'T', ['Х'] = 'X', ['У'] = 'Y', ['Ү'] = 'Y',
        ['Һ'] = 'H', ['Ԁ'] = 'D', ['Ԝ'] = 'W', ['Ѵ'] = 'V', ['Ꙅ'] = 'S',

        // Greek capitals.
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['Ϲ'] = 'C', ['Ϳ'] = 'J',

        // Dashes and minus signs.
        ['\u2010'] = '-', ['\u2011'] = '-', ['\u2012'] = '-', ['\u2013'] = '-', ['\u2014'] = '-', ['\u2015'] = '-',
        ['\u2212'] = '-', ['\uFE58'] = '-', ['\uFE63'] = '-', ['\u2043'] = '-',
    };

    /// <summary>The Latin letter or hyphen <paramref name="codePoint"/> is taken for, or null when it is taken for itself.</summary>
    public static char? Latin(int codePoint) => TakenFor.TryGetValue(codePoint, out var latin) ? latin : null;
}
