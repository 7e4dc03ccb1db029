using System.Globalization;

namespace Command.Domain.Assessment;

/// <summary>Numbers in the words a commander reads at a glance: "95 s", "6 min", "40 m".</summary>
internal static class Reasons
{
    public static string Duration(double seconds) => seconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds):F0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(seconds / 60):F0} min");

    public static string Metres(double metres) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(metres):F0} m");

    public static string Rate(double mps) => string.Create(CultureInfo.InvariantCulture, $"{mps:F1} m/s");

    public static string Backup(double? etaS) => etaS is { } eta
        ? eta < 1 ? "backup level or ahead" : $"nearest backup {Duration(eta)} out"
        : "no backup enrolled";
}
