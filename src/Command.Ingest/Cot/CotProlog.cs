using System.Text;
using System.Text.RegularExpressions;
using Command.Domain.Validation;

namespace Command.Ingest.Cot;

/// <summary>What stands before an event's root element, and the uid in its start tag.</summary>
internal static partial class CotProlog
{
    /// <summary>
    /// The uid the event's start tag gives, read from text that could not be read as a whole (its bytes are no text in
    /// its encoding): so that its refusal is recorded in its unit's incident, on its row, not the listener's. Null where
    /// there is none, or it holds what no unit id does (the character that stands for a byte that could not be read).
    /// </summary>
    public static string? EventUid(string xml)
    {
        var match = StartTagUid().Match(xml);
        var uid = match.Success ? match.Groups["uid"].Value : null;
        return uid is null || uid.Contains('\uFFFD', StringComparison.Ordinal) || uid.Contains('&', StringComparison.Ordinal) || InputLimits.UnitId(uid) is not null ? null : uid;
    }

    [GeneratedRegex("""<event\b[^>]*?\suid\s*=\s*(?<q>['"])(?<uid>[^'"<>]*)\k<q>""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StartTagUid();

    /// <summary>
    /// Whether the document declares a document type (DTD). One can stand only in the prolog, after the XML declaration,
    /// comments and processing instructions, so that is all that is skipped to find it.
    /// </summary>
    public static bool DeclaresDocumentType(string xml)
    {
        var rest = xml.AsSpan().TrimStart();
        while (!rest.StartsWith("<!DOCTYPE", StringComparison.Ordinal))
        {
            var end = rest.StartsWith("<?", StringComparison.Ordinal) ? rest.IndexOf("?>", StringComparison.Ordinal) + 2
                : rest.StartsWith("<!--", StringComparison.Ordinal) ? rest.IndexOf("-->", StringComparison.Ordinal) + 3
                : 0;
            if (end <= 2)
            {
                return false;
            }

            rest = rest[end..].TrimStart();
        }

        return true;
    }

    /// <summary>
    /// The encoding an XML declaration at the very start of <paramref name="xml"/> names, read from its bytes as ASCII
    /// (which every encoding a declaration can be found in this way writes it as); null where there is no declaration,
    /// it names none, or it is not well formed, which the XML reader then refuses.
    /// </summary>
    public static string? DeclaredEncoding(ReadOnlySpan<byte> xml)
    {
        if (!xml.StartsWith("<?xml"u8) || xml.Length < 6 || !Whitespace.Contains(xml[5]))
        {
            return null;
        }

        var end = xml.IndexOf("?>"u8);
        var rest = end < 0 ? [] : xml[5..end];
        // Its pseudo-attributes, in turn: name = 'value' or "value".
        while (rest.TrimStart(Whitespace) is { IsEmpty: false } attribute)
        {
            var equals = attribute.IndexOf((byte)'=');
            if (equals <= 0)
            {
                return null;
            }

            var name = attribute[..equals].TrimEnd(Whitespace);
            var value = attribute[(equals + 1)..].TrimStart(Whitespace);
            if (value.IsEmpty || (value[0] != '\'' && value[0] != '"') || value[1..].IndexOf(value[0]) is var close && close < 0)
            {
                return null;
            }

            if (name.SequenceEqual("encoding"u8))
            {
                return Encoding.Latin1.GetString(value.Slice(1, close));
            }

            rest = value[(close + 2)..];
        }

        return null;
    }

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;
}
