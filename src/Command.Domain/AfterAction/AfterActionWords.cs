using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>How the after-action report says what a unit's figures mean.</summary>
public static class AfterActionWords
{
    /// <summary>
    /// How many reports a unit sent that were taken in, and how often it usually reported: "412, every 2 s". What its
    /// flags rest on — a unit reporting every 30 s is flagged on fewer, later fixes than one reporting every 2 s.
    /// Empty for a unit that sent none.
    /// </summary>
    public static string Reports(UnitMetrics unit) => unit.ReportsTaken == 0 ? ""
        : unit.UsualIntervalS is { } every ? string.Create(CultureInfo.InvariantCulture, $"{unit.ReportsTaken}, every {every:0.#} s")
        : unit.ReportsTaken.ToString(CultureInfo.InvariantCulture);
}
