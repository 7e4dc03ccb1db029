namespace Command.Ingest.Cot;

/// <summary>What stands before an event's root element.</summary>
internal static class CotProlog
{
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
}
