using System.Globalization;
using System.Xml.Linq;
using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Recording.AfterAction;

namespace Command.Recording.Tests.AfterAction;

/// <summary>The report's plots can be read: a moment from the tables is found on their axes.</summary>
public sealed class SvgChartsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 21, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_nine_and_a_half_minute_session_is_marked_every_minute_and_each_distance_step_is_labelled()
    {
        var end = T0.AddSeconds(569);
        var samples = Enumerable.Range(0, 57).Select(i => new DistanceSample("S1", T0.AddSeconds(i * 10), 312 - (i * 5))).ToList();
        var flags = new[] { new FlagSpan("S1", FlagLevel.Alert, "holding", T0.AddSeconds(91), T0.AddSeconds(354)) };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, flags, T0, end));

        var labels = Labels(svg);
        // Minutes along the bottom, from the start to the session's length; 9:00 would run into 9:29 and is left to
        // its grid line.
        Assert.Equal(["0:00", "9:29", "1:00", "2:00", "3:00", "4:00", "5:00", "6:00", "7:00", "8:00"], labels.Where(l => l.Contains(':', StringComparison.Ordinal)));
        // Distance in round steps up to the first above the furthest sample.
        Assert.Equal(["100 m", "200 m", "300 m", "400 m", "0 m"], labels.Where(l => l.EndsWith(" m", StringComparison.Ordinal)));
        // A grid line for each: nine minutes, four distances.
        Assert.Equal(13, svg.Elements(Svg("line")).Count(l => (string?)l.Attribute("class") == "grid"));
    }

    [Fact]
    public void The_furthest_sample_sits_on_the_scale_it_is_labelled_with()
    {
        var samples = new[] { new DistanceSample("S1", T0, 312), new DistanceSample("S1", T0.AddSeconds(60), 0) };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(60)));

        // 150 high, 10 from the top and 24 from the bottom: 312 m of a 400 m axis is 0.78 of its 116 px.
        var first = svg.Element(Svg("polyline"))!.Attribute("points")!.Value.Split(' ')[0].Split(',');
        Assert.Equal(10 + (116 * (1 - (312.0 / 400))), double.Parse(first[1], CultureInfo.InvariantCulture), 1);
    }

    [Theory]
    [InlineData(45 * 60, "5:00", "40:00", 8)]
    [InlineData(3 * 3600, "30:00", "2:30:00", 5)]
    [InlineData(25, null, null, 0)]
    public void Longer_sessions_are_marked_at_rounder_steps(int seconds, string? first, string? last, int ticks)
    {
        var svg = XElement.Parse(SvgCharts.Timeline([], T0, T0.AddSeconds(seconds)));

        var between = Labels(svg).Skip(2).ToList();
        Assert.Equal(ticks, svg.Elements(Svg("line")).Count(l => (string?)l.Attribute("class") == "grid"));
        Assert.Equal(first, between.FirstOrDefault());
        Assert.Equal(last, between.LastOrDefault());
    }

    private static List<string> Labels(XElement svg) =>
        svg.Elements(Svg("text")).Where(t => ((string?)t.Attribute("class"))?.StartsWith("tick", StringComparison.Ordinal) == true).Select(t => t.Value).ToList();

    private static XName Svg(string name) => XName.Get(name);
}
