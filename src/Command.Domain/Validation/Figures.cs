using System.Globalization;

namespace Command.Domain.Validation;

/// <summary>
/// Numbers as a refusal shows them: rounded to a few decimals, trailing zeros dropped, with as many more decimals as
/// it takes for the figure shown to stay outside the limit it broke. A speed of -2.5722222222222224 m/s shows as
/// -2.6; a fix 5.04 s ahead of a 5 s limit shows as 5.04, not as 5, which would read as within it.
/// </summary>
public static class Figures
{
    /// <summary>Beyond this size a figure is shown in exponent form (1E+308, not 309 digits).</summary>
    private const double Huge = 1e15;

    /// <summary>
    /// <paramref name="value"/>, outside <paramref name="min"/> to <paramref name="max"/>, with at least
    /// <paramref name="decimals"/> decimals where it has them and more (up to seven) where fewer would round it back
    /// inside. Infinity and NaN are shown by name.
    /// </summary>
    public static string Outside(double value, double min, double max, int decimals = 1)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= Huge)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        for (var places = decimals; places <= 7; places++)
        {
            var shown = Math.Round(value, places);
            if (shown < min || shown > max)
            {
                return shown.ToString(places == 0 ? "0" : "0." + new string('#', places), CultureInfo.InvariantCulture);
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <paramref name="value"/> as <paramref name="format"/> writes it, in exponent form past 1e15 (a sender's 1e308 is
    /// "1E+308", not 309 digits in the log and the recording), and infinity and NaN by name.
    /// </summary>
    public static string Said(double value, string format = "0.###") =>
        !double.IsFinite(value) || Math.Abs(value) >= Huge ? value.ToString(CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/>, above <paramref name="limit"/>, in whole units unless it takes decimals to show it above.</summary>
    public static string Above(double value, double limit) => Outside(value, double.NegativeInfinity, limit, decimals: 0);
}
