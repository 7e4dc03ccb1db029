using Command.Domain.Assessment;
using Command.Domain.Evaluation;

namespace Command.Domain.Tests.Evaluation;

/// <summary>
/// The assessment over the whole labelled evaluation set (seed 2026, 360 incidents, about 100 unit-hours), fed
/// exactly as the incident grain feeds it. The counts are exact: a change to the doctrine or the filters that
/// moves any of them must update them here, on purpose.
/// </summary>
public sealed class EvaluationSetTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationFigures> Figures = new(() =>
    {
        var set = EvaluationSet.Generate();
        return EvaluationScore.Score(set.Select(i => (i, EvaluationRun.Run(i))), AssessmentOptions.Default);
    });

    [Fact]
    public void Set_is_the_same_every_time_it_is_generated()
    {
        var a = EvaluationSet.Generate(incidents: 12);
        var b = EvaluationSet.Generate(incidents: 12);

        Assert.Equal(a.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)), b.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)));
    }

    [Fact]
    public void Holds_past_grace_are_flagged_within_a_minute_of_grace_ending()
    {
        var figures = Print();

        Assert.Equal(78, figures.MustFlag.Length);
        // One hold, seen only by a radio that reports every 30 s, is flagged 62.5 s after its grace ends.
        var late = Assert.Single(figures.Missed);
        Assert.Equal(30, Track(late.Incident, late.UnitId).CadenceS);
        Assert.Equal(62.5, Math.Round(late.LatencyS!.Value, 1));
        Assert.Equal(26.0, Math.Round(figures.LatencyMedianS!.Value, 1));
    }

    [Fact]
    public void Units_closing_at_walking_pace_are_rarely_flagged()
    {
        var figures = Print();

        Assert.Equal(50.3, Math.Round(figures.ClosingUnitHours, 1));
        // 5 in 50.3 unit-hours: 0.99 per 10 unit-hours.
        Assert.Equal(5, figures.Count("closing"));
        Assert.True(figures.FalseFlagsPerClosingUnitHour * 10 <= 1);
        Assert.Equal(9, figures.Count("tactical"));
        Assert.Equal(0, figures.Count("arrived"));
    }

    [Fact]
    public void No_exempt_role_is_ever_flagged()
    {
        Assert.Equal(0, Print().ExemptFlags);
    }

    [Fact]
    public void Stair_climbs_raise_no_alert()
    {
        Assert.Equal(0, Print().Count("climbing-alert"));
    }

    private EvaluationFigures Print()
    {
        var figures = Figures.Value;
        foreach (var line in figures.Lines())
        {
            output.WriteLine(line);
        }

        return figures;
    }

    private static LabelledTrack Track(int incident, string unit) =>
        EvaluationSet.Generate(incidents: incident + 1)[incident].Tracks.Single(t => t.UnitId == unit);
}
