using System.Text;

namespace Command.Reporting.Documents;

/// <summary>
/// An id made fit to be part of a file's name: a download's, or an entry's in a zip. Ids come from radios (a CoT uid
/// enrols a unit), so one may be "../../evil" or "a/b?c": as a name it would climb out of the folder a zip is unpacked
/// in, or be refused by Windows. Only ASCII letters, digits, '-', '_' and '.' are kept, any other character becomes
/// '_', a run of dots one dot, and no dot starts or ends it (nor so ".." nor a hidden file nor "name..docx"). What the
/// document inside says is the id itself.
/// </summary>
public static class FileNamePart
{
    /// <summary>Longest part: 100 characters, a whole id (64) and room, well inside the 255 a file system takes.</summary>
    public const int MaxChars = 100;

    public static string Of(string id)
    {
        var name = new StringBuilder(Math.Min(id.Length, MaxChars));
        foreach (var c in id)
        {
            if (name.Length == MaxChars)
            {
                break;
            }

            if (c == '.' && (name.Length == 0 || name[^1] == '.'))
            {
                continue;
            }

            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var part = name.ToString().TrimEnd('.');
        return part.Length == 0 ? "_" : part;
    }
}
