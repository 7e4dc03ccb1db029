namespace Command.Fuzz;

/// <summary>
/// Deterministic mutations of valid messages: flipped, deleted, inserted and duplicated characters, truncation and
/// splicing of two seeds. The same seed always yields the same sequence, so a failure can be replayed.
/// </summary>
public sealed class Mutator(IReadOnlyList<string> seeds, int seed)
{
    // With a right-to-left override and a zero-width space: a radio may send what draws nothing yet turns a callsign round.
    private const string Interesting = "<>&;'\"=/,.*$!@`:#-+ 0123456789AZaz\r\n\t\0\u00e9\u20ac\ud83d\ude00\u202e\u200b]}{[";
    private readonly Random random = new(seed);

    public string Next()
    {
        var text = seeds[random.Next(seeds.Count)].ToCharArray().ToList();
        var rounds = 1 + random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(text);
        }

        return new string([.. text]);
    }

    private void Mutate(List<char> text)
    {
        var at = text.Count == 0 ? 0 : random.Next(text.Count);
        switch (random.Next(7))
        {
            case 0 when text.Count > 0:
                text[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 1 when text.Count > 0:
                text.RemoveRange(at, Math.Min(text.Count - at, 1 + random.Next(8)));
                break;
            case 2:
                text.InsertRange(at, Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Interesting[random.Next(Interesting.Length)]));
                break;
            case 3 when text.Count > 0:
                text.InsertRange(at, text.GetRange(at, Math.Min(text.Count - at, 1 + random.Next(16))));
                break;
            case 4:
                text.RemoveRange(at, text.Count - at);
                break;
            case 5 when text.Count > 0 && char.IsAsciiDigit(text[at]):
                text[at] = (char)('0' + random.Next(10));
                break;
            default:
                var other = seeds[random.Next(seeds.Count)];
                var from = random.Next(other.Length);
                text.InsertRange(at, other.Substring(from, Math.Min(other.Length - from, 1 + random.Next(32))));
                break;
        }
    }
}
