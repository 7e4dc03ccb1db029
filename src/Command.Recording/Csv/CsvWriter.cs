using System.Buffers;
using System.Text;

namespace Command.Recording.Csv;

/// <summary>
/// Writes every CSV the product exports (the report's tables, ICS-214 logs, comparisons of runs): RFC 4180, UTF-8
/// without a byte order mark, CRLF line ends. A text cell that a spreadsheet would read as a formula (one starting
/// with '=', '+', '-', '@', a tab or a carriage return) is written with a single quote before it, inside quotes, as
/// OWASP's CSV injection guidance has it: an incident named <c>=HYPERLINK(...)</c> opens in Excel as that text, not a
/// link. Numbers are written as they are.
/// </summary>
public static class CsvWriter
{
    private static readonly SearchValues<char> Quoted = SearchValues.Create(",\"\r\n");

    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");

    /// <summary>Writes the rows to <paramref name="stream"/>, leaving it open; a row of no cells is an empty line.</summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<IEnumerable<CsvCell>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear().AppendJoin(',', row.Select(Field));
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    /// <summary>One cell as a field: quoted where it must be, neutralised where it is text a spreadsheet would run.</summary>
    public static string Field(CsvCell cell)
    {
        var value = cell.Value;
        if (cell.IsText && value.Length > 0 && FormulaStart.Contains(value[0]))
        {
            return $"\"'{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        }

        return value.AsSpan().IndexOfAny(Quoted) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
