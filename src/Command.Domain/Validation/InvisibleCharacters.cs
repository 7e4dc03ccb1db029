using System.Globalization;
using System.Text;

namespace Command.Domain.Validation;

/// <summary>
/// Characters that draw nothing yet change what is drawn (Unicode's format characters): the bidirectional overrides,
/// embeddings and isolates (a callsign "Adam 12" after a right-to-left override shows as "21 madA"), the marks that
/// set a direction, and the zero-width space, joiners, word joiner and byte order mark that make two callsigns look
/// alike. None belongs in an id, a callsign or a name a commander tells units apart by. Free text (a reason, remarks,
/// a person's name) keeps the zero-width joiner and non-joiner alone: Persian and the Indic scripts are spelt with
/// them and emoji are built with them (a firefighter is three characters joined), and neither turns text round.
/// </summary>
public static class InvisibleCharacters
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    // The first format character is the soft hyphen, U+00AD: text below it (all ASCII, most Latin) is passed at once.
    private const char FirstFormat = '\u00AD';

    /// <summary>The first invisible character in <paramref name="text"/>, or null; <paramref name="freeText"/> lets the joiners through.</summary>
    public static Rune? FirstIn(string? text, bool freeText = false)
    {
        if (text is null || text.AsSpan().IndexOfAnyInRange(FirstFormat, char.MaxValue) < 0)
        {
            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (IsInvisible(rune, freeText))
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>The text without its invisible characters: what a radio's text is cleaned to, as its other oddities are.</summary>
    public static string Strip(string text, bool freeText = false)
    {
        if (FirstIn(text, freeText) is null)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune, freeText))
            {
                kept.Append(rune.ToString());
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// "callsign holds an invisible formatting character (U+202E)", or null when <paramref name="text"/> holds none: the
    /// character is named by its code point, as it cannot be shown.
    /// </summary>
    public static string? Refusal(string what, string? text, bool freeText = false) =>
        FirstIn(text, freeText) is { } rune ? $"{what} holds an invisible formatting character (U+{rune.Value:X4})" : null;

    private static bool IsInvisible(Rune rune, bool freeText) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && !(freeText && rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner);
}
