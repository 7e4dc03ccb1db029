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
    public void A_long_drills_plot_keeps_a_units_closest_pass_however_few_of_its_samples_it_draws()
    {
        // A 30-minute drill has 1,800 samples a unit and the plot draws about 400: it kept every fourth, and a pass within
        // 5 m of the threat between two kept samples was drawn as never nearer than 300 m, beside a table that said 5 m.
        var samples = Enumerable.Range(0, 1800).Select(i => new DistanceSample("S1", T0.AddSeconds(i), i == 901 ? 5 : 300)).ToList();
        var few = new[] { new DistanceSample("S1", T0, 300), new DistanceSample("S1", T0.AddSeconds(1), 5), new DistanceSample("S1", T0.AddSeconds(2), 300) };

        var drawn = Nearest(XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(1799))));
        var nearest = Nearest(XElement.Parse(SvgCharts.Distance("S1", few, [], T0, T0.AddSeconds(2))));

        Assert.Equal(nearest, drawn);
    }

    // The y of the line's point nearest the threat (the lowest on the plot).
    private static double Nearest(XElement svg) =>
        svg.Descendants(Svg("polyline")).SelectMany(l => ((string)l.Attribute("points")!).Split(' '))
            .Max(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture));

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
    public void A_drill_played_at_2x_is_plotted_on_the_drill_s_clock_as_the_tables_give_its_durations()
    {
        // Five minutes of the incident's clock are ten of the drill's: a flag up from 1:00 to 2:30 of the incident's is up
        // from 2:00 to 5:00 of the drill's, where the tables say it.
        TimeSpan Drill(DateTimeOffset from, DateTimeOffset to) => (to - from) * 2;
        var samples = new[] { new DistanceSample("S1", T0, 80), new DistanceSample("S1", T0.AddSeconds(300), 80) };
        var flags = new[] { new FlagSpan("S1", FlagLevel.Watch, "holding", T0.AddSeconds(60), T0.AddSeconds(150)) };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, flags, T0, T0.AddSeconds(300), elapsed: Drill));
        var timeline = XElement.Parse(SvgCharts.Timeline([new TimelineMark(T0.AddSeconds(60), "flag-raised", "S1", "holding")], T0, T0.AddSeconds(300), elapsed: Drill));

        Assert.Equal(["0:00", "10:00", "1:00", "2:00", "3:00", "4:00", "5:00", "6:00", "7:00", "8:00", "9:00"], Labels(svg).Where(l => l.Contains(':', StringComparison.Ordinal)));
        // The axis runs from 100 to 748 px over 600 s of the drill, 1.08 px a second: from 120 s to 300 s.
        var band = svg.Elements(Svg("rect")).Single();
        Assert.Equal((229.6, 424.0), (Math.Round(X(band, "x"), 1), Math.Round(X(band, "x") + X(band, "width"), 1)));
        Assert.Equal(["0:00", "10:00"], Labels(timeline).Where(l => l.Contains(':', StringComparison.Ordinal)).Take(2));
    }

    [Fact]
    public void Where_a_unit_went_unheard_the_plot_is_grey_and_says_why()
    {
        // Heard to 1:00, then not until 2:30, its host down; then silent from 4:00 to the end.
        var samples = new[] { new DistanceSample("S1", T0, 80), new DistanceSample("S1", T0.AddSeconds(60), 80), new DistanceSample("S1", T0.AddSeconds(150), 40),
            new DistanceSample("S1", T0.AddSeconds(240), 40) };
        var unheard = new[]
        {
            new FixesLost("S1", "127.0.0.1:11911", T0.AddSeconds(70), T0.AddSeconds(60), T0.AddSeconds(150)),
            new FixesLost("S1", null, null, T0.AddSeconds(240), null),
        };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(300), unheard: unheard));

        var grey = svg.Elements(Svg("rect")).Where(r => (string?)r.Attribute("class") == "unheard").ToList();
        // 2.16 px a second from 100 px: 60-150 s, and 240 s to the end.
        Assert.Equal([(229.6, 424.0), (618.4, 748.0)], grey.Select(r => (Math.Round(X(r, "x"), 1), Math.Round(X(r, "x") + X(r, "width"), 1))));
        Assert.Equal(["its fixes were lost 14:01:00–14:02:30 UTC while its host was down", "it was not heard from 14:04:00 UTC"], grey.Select(r => r.Element(Svg("title"))!.Value));
        Assert.Equal(2, svg.Elements(Svg("text")).Count(t => t.Value == "unheard"));
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

    [Fact]
    public void A_watch_that_became_an_alert_is_shaded_as_each_for_as_long_as_it_was()
    {
        var samples = new[] { new DistanceSample("S1", T0, 80), new DistanceSample("S1", T0.AddSeconds(300), 80) };
        var flags = new[] { new FlagSpan("S1", FlagLevel.Alert, "holding", T0.AddSeconds(60), T0.AddSeconds(240), Escalated: T0.AddSeconds(120)) };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, flags, T0, T0.AddSeconds(300)));

        var bands = svg.Elements(Svg("rect")).Select(r => ((string?)r.Attribute("class"), X(r, "x"), X(r, "x") + X(r, "width"))).ToList();
        // The axis runs from 100 to 748 px over 300 s, 2.16 px a second: watch from 60 s to 120 s, alert to 240 s.
        Assert.Equal([("watch", 229.6, 359.2), ("alert", 359.2, 618.4)],
            bands.Select(b => (b.Item1, Math.Round(b.Item2, 1), Math.Round(b.Item3, 1))));
        Assert.Equal(["WATCH", "ALERT"], svg.Elements(Svg("text")).Where(t => (string?)t.Attribute("class") == "band").Select(t => t.Value));
    }

    [Fact]
    public void A_short_watch_before_an_alert_is_shaded_without_a_word_that_would_print_over_the_alerts()
    {
        var samples = new[] { new DistanceSample("S1", T0, 80), new DistanceSample("S1", T0.AddSeconds(600), 80) };
        // 10 s of watch on a 10-minute axis is 11 px: "WATCH" would run into "ALERT".
        var flags = new[] { new FlagSpan("S1", FlagLevel.Alert, "holding", T0.AddSeconds(60), null, Escalated: T0.AddSeconds(70)) };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, flags, T0, T0.AddSeconds(600)));

        Assert.Equal(["watch", "alert"], svg.Elements(Svg("rect")).Select(r => (string?)r.Attribute("class")));
        Assert.Equal(["ALERT"], svg.Elements(Svg("text")).Where(t => (string?)t.Attribute("class") == "band").Select(t => t.Value));
    }

    [Fact]
    public void A_unit_that_fell_silent_is_drawn_in_pieces_not_as_a_walk_across_the_silence()
    {
        // At the threat every 5 s for 5 minutes, silent for 10, then 500 m out for a minute, and one report 5 minutes later.
        var samples = Enumerable.Range(0, 60).Select(i => new DistanceSample("S1", T0.AddSeconds(i * 5), 3))
            .Concat(Enumerable.Range(0, 12).Select(i => new DistanceSample("S1", T0.AddSeconds(900 + (i * 5)), 500)))
            .Append(new DistanceSample("S1", T0.AddSeconds(1260), 480)).ToList();

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(1300)));

        Assert.Equal([60, 12], svg.Elements(Svg("polyline")).Select(p => p.Attribute("points")!.Value.Split(' ').Length));
        Assert.Single(svg.Elements(Svg("circle")));
    }

    [Fact]
    public void A_drill_that_started_over_breaks_the_line_where_its_units_were_put_back()
    {
        // At the threat every 5 s, then put back 300 m out as the drill starts over at 300 s, and walking in again.
        var samples = Enumerable.Range(0, 60).Select(i => new DistanceSample("S1", T0.AddSeconds(i * 5), 3))
            .Concat(Enumerable.Range(0, 60).Select(i => new DistanceSample("S1", T0.AddSeconds(300 + (i * 5)), 300 - (i * 5)))).ToList();
        var timeline = new[] { new TimelineMark(T0.AddSeconds(300), "drill-started-over", "start-over", "round 2") };

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(600), timeline));

        Assert.Equal([60, 60], svg.Elements(Svg("polyline")).Select(p => p.Attribute("points")!.Value.Split(' ').Length));
        var rule = Assert.Single(svg.Elements(Svg("line")), l => (string?)l.Attribute("class") == "drill-started-over");
        Assert.Equal(100 + (648 * 0.5), X(rule, "x1"), 1);
    }

    [Fact]
    public void A_device_that_reports_every_three_minutes_is_one_line()
    {
        // A TAK server relays a standing phone every 180 s: its usual interval, not a silence.
        var samples = Enumerable.Range(0, 8).Select(i => new DistanceSample("S1", T0.AddSeconds(i * 180), 60)).ToList();

        var svg = XElement.Parse(SvgCharts.Distance("S1", samples, [], T0, T0.AddSeconds(1300)));

        Assert.Equal(8, Assert.Single(svg.Elements(Svg("polyline"))).Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void A_mark_at_the_start_of_the_timeline_leaves_every_row_name_clear()
    {
        var marks = new[] { "threat-phase", "alarm-raised", "alarm-cancelled", "flag-raised", "flag-escalated", "flag-acknowledged", "flag-cleared" }
            .Select(kind => new TimelineMark(T0, kind, "S1", "at the start")).ToList();

        var svg = XElement.Parse(SvgCharts.Timeline(marks, T0, T0.AddSeconds(600)));

        // Row names are 12 px text from x = 2; at 0.6 em a letter (generous for a sans-serif's lower case), the longest
        // ends before the left edge of the shapes drawn at the session's start (7 px either side of it).
        var names = svg.Elements(Svg("text")).Where(t => (string?)t.Attribute("class") == "row").ToList();
        var longest = names.Max(n => X(n, "x") + (n.Value.Length * 12 * 0.6));
        var shapes = svg.Elements(Svg("g")).Select(g => g.Elements().Last()).ToList();
        Assert.Equal(7, shapes.Count);
        Assert.All(shapes, shape => Assert.True(Left(shape) - 7 >= longest, $"{shape} overlaps a row name ending at {longest:F0} px"));
    }

    [Fact]
    public void A_units_own_alert_and_its_cancelling_share_a_row_of_their_own_with_their_words()
    {
        TimelineMark[] marks =
        [
            new(T0.AddSeconds(60), "flag-raised", "P1", "holding 60 s"),
            new(T0.AddSeconds(90), "alarm-raised", "P1", "911 Alert raised from its device (cot:P1@10.0.0.7)"),
            new(T0.AddSeconds(300), "alarm-cancelled", "P1", "Alert cancelled from its device (cot:P1@10.0.0.7)"),
        ];

        var svg = XElement.Parse(SvgCharts.Timeline(marks, T0, T0.AddSeconds(600)));

        var rows = svg.Elements(Svg("text")).Where(t => (string?)t.Attribute("class") == "row").ToDictionary(t => t.Value, t => X(t, "y"));
        Assert.Equal(["threat-phase", "unit alert", "raised", "escalated", "acknowledged", "cleared", "source"], rows.Keys);
        var alarms = svg.Elements(Svg("g")).Where(g => ((string?)g.Attribute("class"))!.StartsWith("alarm-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["alarm-raised", "alarm-cancelled"], alarms.Select(g => (string)g.Attribute("class")!));
        Assert.Equal("2026-04-21T14:01:30+00:00 P1: 911 Alert raised from its device (cot:P1@10.0.0.7)", alarms[0].Element(Svg("title"))!.Value);
        // Both on the alert's row (a star's top point is 7 px above its centre, the row name 4 px below it), the
        // cancelling later on the axis.
        var tops = alarms.Select(g => ((string)g.Element(Svg("path"))!.Attribute("d")!)[1..].Split(' ')).ToList();
        Assert.All(tops, d => Assert.Equal(rows["unit alert"] - 4 - 7, double.Parse(d[1], CultureInfo.InvariantCulture)));
        Assert.True(double.Parse(tops[1][0], CultureInfo.InvariantCulture) > double.Parse(tops[0][0], CultureInfo.InvariantCulture));
        Assert.Contains(".alarm-raised{", SvgCharts.Style, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_of_reports_down_and_heard_again_share_the_last_row_with_their_words()
    {
        TimelineMark[] marks =
        [
            new(T0.AddSeconds(60), "source-down", "Ingest:Cot:TakServer", "Nothing heard from the TAK Server at 10.0.0.5:8089: Connection refused (said by host 10.0.0.2:11111)"),
            new(T0.AddSeconds(240), "source-back", "Ingest:Cot:TakServer", "The TAK Server at 10.0.0.5:8089 heard again (said by host 10.0.0.2:11111)"),
        ];

        var svg = XElement.Parse(SvgCharts.Timeline(marks, T0, T0.AddSeconds(600)));

        var rows = svg.Elements(Svg("text")).Where(t => (string?)t.Attribute("class") == "row").ToDictionary(t => t.Value, t => X(t, "y"));
        var sources = svg.Elements(Svg("g")).Where(g => ((string?)g.Attribute("class"))!.StartsWith("source-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["source-down", "source-back"], sources.Select(g => (string)g.Attribute("class")!));
        Assert.Equal("2026-04-21T14:01:00+00:00 Ingest:Cot:TakServer: Nothing heard from the TAK Server at 10.0.0.5:8089: Connection refused (said by host 10.0.0.2:11111)",
            sources[0].Element(Svg("title"))!.Value);
        // Squares on the source's row (a square's top 5 px above its centre, the row name 4 px below it), the return later.
        Assert.All(sources, g => Assert.Equal(rows["source"] - 4 - 5, X(g.Element(Svg("rect"))!, "y")));
        Assert.True(X(sources[1].Element(Svg("rect"))!, "x") > X(sources[0].Element(Svg("rect"))!, "x"));
        Assert.Contains(".source-down{", SvgCharts.Style, StringComparison.Ordinal);
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

    private static double X(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    // Where a timeline shape is centred: a path's first point, a circle's centre, a square's corner plus half its side.
    private static double Left(XElement shape) => shape.Name.LocalName switch
    {
        "path" => double.Parse(((string)shape.Attribute("d")!)[1..].Split(' ')[0], CultureInfo.InvariantCulture),
        "circle" => X(shape, "cx"),
        _ => X(shape, "x") + 5,
    };

    private static List<string> Labels(XElement svg) =>
        svg.Elements(Svg("text")).Where(t => ((string?)t.Attribute("class"))?.StartsWith("tick", StringComparison.Ordinal) == true).Select(t => t.Value).ToList();

    private static XName Svg(string name) => XName.Get(name);
}
