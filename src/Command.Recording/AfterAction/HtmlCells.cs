using System.Text;
using static System.Net.WebUtility;

namespace Command.Recording.AfterAction;

/// <summary>
/// Table cells of the self-contained pages (the report, the AAR/IP, comparisons) that keep the page as wide as the
/// window, whatever anyone typed. A cell holding a run of more than <see cref="LongestWord"/> characters with no space
/// (a note pasted as one long string, a link, a radio's device uid) may break it anywhere; every other cell wraps at
/// its spaces as usual. Letting every cell break anywhere would make a table's columns as narrow as one letter, so a
/// long note would crush its neighbours to a letter a line rather than take the room for itself.
/// </summary>
public static class HtmlCells
{
    /// <summary>Longest run of characters without a space a cell keeps whole: 20, as long as "Lieutenant-Commander".</summary>
    public const int LongestWord = 20;

    /// <summary>The rules the pages' style sheets include.</summary>
    public const string Style = "h1,h2,h3,p,figcaption{overflow-wrap:anywhere}td.wrap{overflow-wrap:anywhere}";

    /// <summary>Appends <paramref name="text"/> as a cell, HTML-encoded, of <paramref name="cssClass"/> where given.</summary>
    public static StringBuilder Cell(StringBuilder html, string text, string? cssClass = null)
    {
        var classes = (cssClass, HasLongWord(text)) switch
        {
            (null, false) => null,
            (null, true) => "wrap",
            (_, false) => cssClass,
            _ => $"{cssClass} wrap",
        };
        html.Append(classes is null ? "<td>" : $"<td class=\"{classes}\">");
        return html.Append(HtmlEncode(text)).Append("</td>");
    }

    private static bool HasLongWord(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsWhiteSpace(c) ? 0 : run + 1;
            if (run > LongestWord)
            {
                return true;
            }
        }

        return false;
    }
}
