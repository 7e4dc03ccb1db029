using System.Globalization;
using System.Text.RegularExpressions;

namespace Command.Recording.AfterAction;

/// <summary>
/// A plot as an SVG document of its own, styled from inside (<see cref="SvgCharts.Style"/>, its text in a sans-serif
/// face), for what shows it without the report's stylesheet: Word's picture, a download, and the page's dialogs, which
/// show it in a shadow root of its own. Without it the plot's classes meant nothing there: every label in the serif
/// default, anchored at its start, so the units' names ran into their bars and the axis's last label off the right edge.
/// </summary>
public static partial class StandaloneSvg
{
    /// <summary>The document, sized as the plot's view box.</summary>
    public static string Of(string svg) => Of(svg, out _, out _);

    /// <summary>The document, and the plot's view box's <paramref name="width"/> and <paramref name="height"/> (760 by 150 where it has none).</summary>
    public static string Of(string svg, out double width, out double height)
    {
        var box = ViewBox().Match(svg);
        width = box.Success ? double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture) : 760;
        height = box.Success ? double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture) : 150;
        var open = svg.IndexOf('>', StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\"{svg[4..open]}><style>{Style}</style>{svg[(open + 1)..]}");
    }

    private static readonly string Style = SvgCharts.Style.Replace(".tick,.row{font-size:12px;", ".tick,.row{font-family:sans-serif;font-size:12px;", StringComparison.Ordinal);

    [GeneratedRegex("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"")]
    private static partial Regex ViewBox();
}
