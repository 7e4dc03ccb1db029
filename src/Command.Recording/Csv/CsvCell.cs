using System.Globalization;

namespace Command.Recording.Csv;

/// <summary>
/// One cell of a CSV export, typed by what its column holds: text (names, ids, reasons, times written out) or a
/// number. Which it is comes from the value's own type, never from what the characters look like, so a negative
/// coordinate or rate stays a number and an agency named "-2+3" stays text (<see cref="CsvWriter"/> neutralises text
/// that a spreadsheet would run as a formula). A string is text unless it is made a number here.
/// </summary>
public readonly record struct CsvCell
{
    private CsvCell(string value, bool isText)
    {
        Value = value;
        IsText = isText;
    }

    /// <summary>The cell as written, before quoting.</summary>
    public string Value { get; }

    /// <summary>True for text, which may come from anyone (an incident's name, a radio's unit id); false for a number.</summary>
    public bool IsText { get; }

    /// <summary>Text; null is an empty cell.</summary>
    public static CsvCell Text(string? text) => new(text ?? "", isText: true);

    /// <summary>A number in the invariant culture, "0.##" unless told otherwise; null is an empty cell.</summary>
    public static CsvCell Number(double? value, string format = "0.##") =>
        new(value?.ToString(format, CultureInfo.InvariantCulture) ?? "", isText: false);

    /// <summary>A whole number.</summary>
    public static CsvCell Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), isText: false);

    /// <summary>Seconds to the millisecond ("271.5"); null is an empty cell.</summary>
    public static CsvCell Seconds(TimeSpan? span) => Number(span?.TotalSeconds, "0.###");

    public static implicit operator CsvCell(string? text) => Text(text);
}
