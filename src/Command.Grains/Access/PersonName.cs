using System.Text;
using Command.Domain.Text;

namespace Command.Grains.Access;

/// <summary>
/// The one comparison of people's names, for signing in, finding someone to manage and refusing a second person who
/// reads as the first: the recording and the logs name people by what is written, so <c>Sgt Ruiz</c>, <c>SGT RUIZ</c>
/// and its fullwidth twin read as one person, as does <c>admin</c> written with a Cyrillic <c>а</c> or a dotless <c>ı</c>.
/// Names are kept as they were written, composed (<see cref="Written"/>); only the comparison folds them.
/// </summary>
/// <remarks>
/// The fold first takes each letter apart from its marks (Unicode's canonical decomposition), so that <c>é</c> typed as one
/// character or as <c>e</c> and a combining accent, on any keyboard, is one name, and a look-alike letter under a mark
/// (Greek <c>ά</c>, Cyrillic <c>ё</c>) reads as the Latin letter under it; it drops what draws nothing (a variation
/// selector, a combining grapheme joiner) and the dot above an <c>i</c> or <c>j</c>, which has one already; and composes
/// again. The rest of the fold is Unicode's compatibility fold cut to what a user name can hold (fullwidth letters and digits become
/// plain ones), then case (ß as ss), then the Cyrillic and Greek letters (and the Turkish dotless and dotted i) that
/// look like a Latin one, in either case, become it. The hosts run with invariant globalization, where .NET does no
/// Unicode normalization, so the fold is written out here and in <see cref="CanonicalComposition"/> rather than left to
/// <see cref="string.Normalize()"/>. New
/// names are kept free of the other compatibility forms (ligatures, superscripts, letterlike symbols) by the host's
/// shape rule. Look-alikes within one script (I and l, rn and m) and from other scripts are not folded.
/// </remarks>
public static class PersonName
{
    /// <summary>What two names that read as one person share.</summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in CanonicalComposition.Decompose(name))
        {
            if (DrawsNothing(c) || (c == '\u0307' && key.Length > 0 && key[^1] is 'i' or 'j'))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
            if (lower == '\u00DF')
            {
                key.Append("ss");
            }
            else
            {
                key.Append(LookAlike(lower));
            }
        }

        return CanonicalComposition.Compose(key.ToString());
    }

    /// <summary>A name as it is kept and shown: as written, composed (<c>e</c> and a combining acute kept as <c>é</c>).</summary>
    public static string Written(string name) => CanonicalComposition.Compose(name);

    /// <summary>
    /// A character that draws nothing where it stands (<see cref="Ignorables"/>). Put in a name, it makes another name
    /// that reads as the first.
    /// </summary>
    public static bool DrawsNothing(char c) => Ignorables.DrawsNothing(c);

    public static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>
    /// Of the names held, the one <paramref name="given"/> names: exactly that name, else the only one that reads as it.
    /// Two held names can read alike only if they were added before names were compared so; then each answers to its
    /// exact spelling alone, and a loose one names neither.
    /// </summary>
    public static string? Find(IEnumerable<string> held, string given) =>
        held.Contains(given) ? given : held.Where(n => Same(n, given)).Take(2).ToList() is [var only] ? only : null;

    // Lower-case letters whose small or capital form is drawn as a Latin letter's.
    private static char LookAlike(char c) => c switch
    {
        '\u0430' or '\u03B1' => 'a', // Cyrillic а, Greek α
        '\u0432' or '\u03B2' => 'b', // Cyrillic в (В), Greek β (Β)
        '\u0441' or '\u03F2' => 'c', // Cyrillic с, Greek lunate sigma ϲ
        '\u0501' => 'd', // Cyrillic ԁ
        '\u0435' or '\u03B5' => 'e', // Cyrillic е, Greek ε (Ε)
        '\u0451' => '\u00EB', // Cyrillic ё as ë
        '\u043D' or '\u04BB' or '\u03B7' => 'h', // Cyrillic н (Н), һ, Greek η (Η)
        '\u0131' or '\u0130' or '\u0456' or '\u03B9' => 'i', // Latin dotless ı, dotted İ, Cyrillic і, Greek ι (Ι)
        '\u0457' => '\u00EF', // Cyrillic ї as ï
        '\u0458' or '\u03F3' => 'j', // Cyrillic ј, Greek ϳ
        '\u043A' or '\u03BA' => 'k', // Cyrillic к (К), Greek κ (Κ)
        '\u04CF' => 'l', // Cyrillic palochka ӏ
        '\u043C' or '\u03BC' => 'm', // Cyrillic м (М), Greek μ (Μ)
        '\u043E' or '\u03BF' => 'o', // Cyrillic о, Greek ο
        '\u0440' or '\u03C1' => 'p', // Cyrillic р, Greek ρ (Ρ)
        '\u051B' => 'q', // Cyrillic ԛ
        '\u0455' or '\u017F' => 's', // Cyrillic ѕ, Latin long ſ
        '\u0442' or '\u03C4' => 't', // Cyrillic т (Т), Greek τ (Τ)
        '\u0475' or '\u03BD' => 'v', // Cyrillic ѵ, Greek ν
        '\u051D' or '\u03C9' => 'w', // Cyrillic ԝ, Greek ω
        '\u0445' or '\u03C7' => 'x', // Cyrillic х, Greek χ (Χ)
        '\u0443' or '\u04AF' or '\u03B3' or '\u03C5' => 'y', // Cyrillic у, ү, Greek γ, υ (Υ)
        '\u03B6' => 'z', // Greek ζ (Ζ)
        '\u03C2' => '\u03C3', // Greek final ς is σ
        _ => c,
    };
}
