using System.Globalization;
using System.Text;

namespace Command.Reporting.Documents;

/// <summary>
/// An id made fit to be part of a file's name: a download's, or an entry's in a zip. Ids come from radios (a CoT uid
/// enrols a unit), so one may be "../../evil" or "a/b?c": as a name it would climb out of the folder a zip is unpacked
/// in, or be refused by Windows. Letters and digits of any script are kept, with the marks some scripts write letters
/// with ("Адам-1", "警察-2", "अजय"), and '-', '_' and '.'; any other character (a separator, a quote, a space, an
/// emoji, a control or formatting character) becomes '_', a run of dots one dot, and no dot starts or ends it (nor so
/// ".." nor a hidden file nor "name..docx"). What the document inside says is the id itself.
/// </summary>
public static class FileNamePart
{
    /// <summary>Longest part: 100 characters, a whole id (64) and room, well inside the 255 a file system takes.</summary>
    public const int MaxChars = 100;

    /// <summary>Longest part in UTF-8, as a file system counts a name: 150 bytes, so a name in any script stays inside 255.</summary>
    public const int MaxUtf8Bytes = 150;

    public static string Of(string id)
    {
        var name = new StringBuilder(Math.Min(id.Length, MaxChars));
        var bytes = 0;
        // A lone surrogate is read as the replacement character, which is no letter.
        foreach (var read in id.EnumerateRunes())
        {
            var rune = Keeps(read) ? read : new Rune('_');
            if (rune.Value == '.' && (name.Length == 0 || name[^1] == '.'))
            {
                continue;
            }

            if (name.Length + rune.Utf16SequenceLength > MaxChars || bytes + rune.Utf8SequenceLength > MaxUtf8Bytes)
            {
                break;
            }

            name.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        var part = name.ToString().TrimEnd('.');
        return part.Length == 0 ? "_" : part;
    }

    private static bool Keeps(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
