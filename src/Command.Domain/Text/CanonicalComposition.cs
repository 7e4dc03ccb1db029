using System.Globalization;
using System.Text;

namespace Command.Domain.Text;

/// <summary>
/// Unicode's canonical composition (NFC) and decomposition (NFD) of text in the Basic Multilingual Plane: <c>é</c> typed
/// as one character and typed as <c>e</c> and a combining acute are one text, and so are the several orders in which
/// marks on one letter can be typed. The hosts run with invariant globalization, where
/// <see cref="string.Normalize(NormalizationForm)"/> leaves text as it is, so it is done here, from the table
/// <c>CanonicalComposition.txt</c> (made by <c>tools/unicode/canonical-composition.py</c>). Characters beyond the
/// plane are kept as they are.
/// </summary>
public static class CanonicalComposition
{
    private const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int Leads = 19, Vowels = 21, Trails = 28, Syllables = Leads * Vowels * Trails;

    private static readonly Table Data = Table.Load();

    /// <summary><paramref name="text"/> in Unicode's normalization form C: decomposed, its marks in canonical order, composed.</summary>
    public static string Compose(string text)
    {
        // Nothing below the combining marks is taken apart in NFC, nor joins what stands before it: most text is done here.
        if (text.AsSpan().IndexOfAnyInRange('\u0300', '\uffff') < 0)
        {
            return text;
        }

        var decomposed = Decompose(text);
        if (decomposed.Length < 2)
        {
            return decomposed;
        }

        var composed = new StringBuilder(decomposed.Length);
        var starter = -1;
        var lastClass = 0;
        foreach (var c in decomposed)
        {
            var cls = CombiningClass(c);
            // A mark joins the last starter unless a mark between them is of its class or a higher one.
            if (starter >= 0 && (lastClass < cls || (lastClass == 0 && composed.Length - 1 == starter)) && Pair(composed[starter], c) is { } joined)
            {
                composed[starter] = joined;
                continue;
            }

            if (cls == 0)
            {
                starter = composed.Length;
            }

            lastClass = cls;
            composed.Append(c);
        }

        return composed.ToString();
    }

    /// <summary><paramref name="text"/> in Unicode's normalization form D: every character taken apart, its marks in canonical order.</summary>
    public static string Decompose(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var decomposed = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            Append(decomposed, c);
        }

        // Canonical order: within each run of marks, a stable sort by combining class.
        for (var i = 1; i < decomposed.Length; i++)
        {
            var cls = CombiningClass(decomposed[i]);
            for (var j = i; cls != 0 && j > 0 && CombiningClass(decomposed[j - 1]) > cls; j--)
            {
                (decomposed[j - 1], decomposed[j]) = (decomposed[j], decomposed[j - 1]);
            }
        }

        return decomposed.ToString();
    }

    /// <summary>The canonical combining class of <paramref name="c"/>: 0 for a starter (a letter), else the place its mark takes.</summary>
    public static int CombiningClass(char c) => Data.Classes.GetValueOrDefault(c);

    private static void Append(StringBuilder decomposed, char c)
    {
        if (c is >= (char)HangulBase and < (char)(HangulBase + Syllables))
        {
            var index = c - HangulBase;
            decomposed.Append((char)(LeadBase + (index / (Vowels * Trails)))).Append((char)(VowelBase + (index % (Vowels * Trails) / Trails)));
            if (index % Trails != 0)
            {
                decomposed.Append((char)(TrailBase + (index % Trails)));
            }
        }
        else if (Data.Parts.TryGetValue(c, out var parts))
        {
            foreach (var part in parts)
            {
                Append(decomposed, part);
            }
        }
        else
        {
            decomposed.Append(c);
        }
    }

    private static char? Pair(char first, char second)
    {
        if (first is >= (char)LeadBase and < (char)(LeadBase + Leads) && second is >= (char)VowelBase and < (char)(VowelBase + Vowels))
        {
            return (char)(HangulBase + ((((first - LeadBase) * Vowels) + (second - VowelBase)) * Trails));
        }

        if (first is >= (char)HangulBase and < (char)(HangulBase + Syllables) && (first - HangulBase) % Trails == 0
            && second is > (char)TrailBase and < (char)(TrailBase + Trails))
        {
            return (char)(first + (second - TrailBase));
        }

        return Data.Pairs.TryGetValue((first, second), out var joined) ? joined : null;
    }

    private sealed record Table(Dictionary<char, string> Parts, Dictionary<(char, char), char> Pairs, Dictionary<char, int> Classes)
    {
        public static Table Load()
        {
            using var stream = typeof(CanonicalComposition).Assembly.GetManifestResourceStream("Command.Domain.Text.CanonicalComposition.txt")
                ?? throw new InvalidOperationException("the canonical composition table is not in Command.Domain");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var table = new Table([], [], []);
            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split(' ');
                if (fields[0] == "d")
                {
                    var parts = string.Concat(fields.Skip(2).Where(f => f != "x").Select(Char));
                    table.Parts[Char(fields[1])] = parts;
                    if (fields[^1] != "x")
                    {
                        table.Pairs[(parts[0], parts[1])] = Char(fields[1]);
                    }
                }
                else if (fields[0] == "c")
                {
                    for (var c = Char(fields[1]); c <= Char(fields[2]); c++)
                    {
                        table.Classes[c] = int.Parse(fields[3], CultureInfo.InvariantCulture);
                    }
                }
            }

            return table;
        }

        private static char Char(string hex) => (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
