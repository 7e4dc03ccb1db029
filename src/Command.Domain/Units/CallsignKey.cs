using System.Text;
using Command.Domain.Text;

namespace Command.Domain.Units;

/// <summary>
/// How a callsign reads on a dispatcher's board or in the paperwork, whatever characters spell it: two callsigns with the
/// same key cannot be told apart there ("P1" with a Latin P and "Р1" with a Cyrillic one, "SRO-1" and "sro-1", "Ｐ１" in
/// full-width forms). Compatibility forms are read as the letters and digits they stand for (full-width, mathematical,
/// circled, superscript, Roman numerals, ligatures, letterlike symbols, as Unicode's NFKC reads them), case is folded, a
/// Cyrillic or Greek capital that looks like a Latin one is read as it, every dash as a hyphen, and a run of spaces of
/// any kind as one space. Digits and letters are not read as one another ("P0" and "PO"): the board's type tells them apart.
/// Each letter is first taken apart from its marks (<see cref="CanonicalComposition"/>), so "Pé1" typed as one
/// character or as e and a combining acute is one callsign, and a look-alike letter under a mark reads as the Latin
/// letter under it; what draws nothing (<see cref="Ignorables"/>) is left out; the key is composed again.
/// </summary>
public readonly record struct CallsignKey
{
    private CallsignKey(string value) => Value = value;

    /// <summary>The callsign as it reads, in upper-case Latin where it looks Latin.</summary>
    public string Value { get; }

    /// <summary>The key of <paramref name="callsign"/>.</summary>
    public static CallsignKey Of(string callsign)
    {
        var key = new StringBuilder(callsign.Length);
        var spaced = false;
        foreach (var rune in CanonicalComposition.Decompose(callsign).EnumerateRunes())
        {
            if (rune.IsBmp && Ignorables.DrawsNothing((char)rune.Value))
            {
                continue;
            }

            if (CompatibilityForms.Read(rune) is { } read)
            {
                foreach (var inner in read.EnumerateRunes())
                {
                    Append(key, inner, ref spaced);
                }
            }
            else
            {
                Append(key, rune, ref spaced);
            }
        }

        return new CallsignKey(CanonicalComposition.Compose(key.ToString().Trim()));
    }

    private static void Append(StringBuilder key, Rune rune, ref bool spaced)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            if (!spaced)
            {
                key.Append(' ');
            }

            spaced = true;
            return;
        }

        spaced = false;
        var upper = Rune.ToUpperInvariant(rune);
        if (Lookalikes.Latin(upper.Value) is { } latin)
        {
            key.Append(latin);
        }
        else
        {
            key.Append(upper.ToString());
        }
    }

    public override string ToString() => Value;
}
