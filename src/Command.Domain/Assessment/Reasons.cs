using System.Globalization;

namespace Command.Domain.Assessment;

/// <summary>Numbers in the words a commander reads at a glance: "95 s", "6 min", "40 m".</summary>
internal static class Reasons
{
    public static string Duration(double seconds) => seconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds):F0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds / 60):F0} min");

    public static string Metres(double metres) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(metres):F0} m");

    /// <summary>One fix's error as a radius, as a source states its accuracy, from its noise on one axis: "±21 m".</summary>
    public static string FixError(double noiseM) => "±" + Metres(noiseM * Math.Sqrt(2));

    public static string Rate(double mps) => string.Create(CultureInfo.InvariantCulture, $"{mps:F1} m/s");

    /// <summary>
    /// The backup's ETA in words; with none, no other closing unit has a position to come from (enrolled units that
    /// have not yet reported are no backup the commander can count on). One not closing is said so, by how far behind it
    /// is: "nearest backup 10 s out" beside an officer holding 20 m back read as help on its way.
    /// </summary>
    public static string Backup(BackupEta? backup) => backup is { } b
        ? b.Seconds < 1 ? "backup level or ahead"
        : b.Closing ? $"nearest backup {Duration(b.Seconds)} out"
        : $"nearest backup {Metres(b.BehindM)} behind, not closing"
        : "no backup reporting";

    /// <summary>
    /// Why a flag cleared when the unit's device's clock was first put right, by <paramref name="seconds"/> (positive: the
    /// clock was behind): "its device's clock was put right by 4 min: judged afresh from here".
    /// </summary>
    public static string Retimed(double seconds) => $"its device's clock was put right by {Duration(Math.Abs(seconds))}: judged afresh from here";

    /// <summary>Why a flag cleared when the drill started over: "the drill started over (round 2)".</summary>
    public static string StartedOver(int? round) => round is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"the drill started over (round {r})")
        : "the drill started over";
}
