namespace Command.Domain.Text;

/// <summary>
/// Characters that draw nothing where they stand (Unicode's default ignorable marks and letters that are not format
/// characters): the combining grapheme joiner, variation selectors, Mongolian free variation selectors, Khmer inherent
/// vowels and the Hangul fillers. Put in a name or a callsign, one makes another text that reads as the first.
/// </summary>
public static class Ignorables
{
    public static bool DrawsNothing(char c) =>
        c is '\u034F' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or (>= '\u180B' and <= '\u180F') or '\u3164' or (>= '\uFE00' and <= '\uFE0F') or '\uFFA0';
}
