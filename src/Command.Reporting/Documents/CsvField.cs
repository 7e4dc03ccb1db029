namespace Command.Reporting.Documents;

/// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, its quotes doubled.</summary>
internal static class CsvField
{
    public static string Of(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
