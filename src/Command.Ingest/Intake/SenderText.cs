using System.Text;
using Command.Domain.Text;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// Text a radio sends (a callsign, a marker's remarks, an alert's name) made fit for the board: cleaned, never a
/// reason to refuse the position it came with. Text a person types into the API is judged instead, by
/// <see cref="InputLimits"/>, and refused by name.
/// </summary>
internal static class SenderText
{
    /// <summary>
    /// A sender's text as the board may show it, composed (<see cref="CanonicalComposition"/>): without invisible characters (<see cref="InvisibleCharacters"/>; a
    /// callsign keeps none, <paramref name="freeText"/> keeps the joiners), its runs of whitespace and control
    /// characters one space, trimmed, and cut to <paramref name="most"/> characters with an ellipsis; null when nothing
    /// is left.
    /// </summary>
    public static string? Said(string? text, int most, bool freeText = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Composed as a person's typing is (an e and a combining acute is the é typed whole), so one callsign reads alike
        // whichever radio or keyboard sent it.
        text = CanonicalComposition.Compose(InvisibleCharacters.Strip(text, freeText));
        var clean = new StringBuilder(Math.Min(text.Length, most + 1));
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!blank || (clean.Length > 0 && clean[^1] != ' '))
            {
                clean.Append(blank ? ' ' : c);
            }

            if (clean.Length > most)
            {
                break;
            }
        }

        var said = clean.ToString().TrimEnd();
        return said.Length == 0 ? null : said.Length <= most ? said : said[..(most - 1)].TrimEnd() + "…";
    }
}
