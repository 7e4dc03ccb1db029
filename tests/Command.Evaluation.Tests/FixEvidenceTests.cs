using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Units;
using Command.Evaluation.Harness;

namespace Command.Evaluation.Tests;

/// <summary>
/// The bound the evaluation reports beside each missed hold and late clear: whether the unit's fixes by the deadline
/// could have shown it at all, to an observer who knows the device's noise exactly.
/// </summary>
public sealed class FixEvidenceTests
{
    private const double ContactRadiusM = 15;

    // Five metres from the threat for a minute, then 35 m down the hallway: a radio every 30 s with 40 m of indoor
    // error cannot show it in two minutes, one with 5 m can; a phone every second averages its white noise away, but
    // not a bias that wanders 6 m.
    [Theory]
    [InlineData(30, 40, 1, false)]
    [InlineData(30, 5, 1, true)]
    [InlineData(1, 20, 1, true)]
    [InlineData(1, 20, 6, false)]
    public void A_fall_back_is_beyond_its_fixes_when_their_indoor_error_or_wandering_bias_hides_it(int cadenceS, double indoorNoiseM, double biasM, bool showable)
    {
        var track = Track(FellBack(), cadenceS, noiseM: 4, indoorNoiseM, biasM);

        Assert.Equal(showable, FixEvidence.HoldShowable(track, Hold(startS: 60, deadlineS: 180), fellBack: true, ContactRadiusM));
    }

    [Fact]
    public void A_standing_hold_is_told_from_closing_by_its_fixes_spread_in_time()
    {
        // Stopped 200 m out: two fixes 20 s apart with 12 m of error cannot tell it from a walk at 1 m/s; seven
        // fixes 10 s apart can.
        var truth = Truth(200, s => 200);
        var slow = Track(truth, cadenceS: 20, noiseM: 12, indoorNoiseM: 12, biasM: 0);
        var quick = Track(truth, cadenceS: 10, noiseM: 12, indoorNoiseM: 12, biasM: 0);

        Assert.False(FixEvidence.HoldShowable(slow, Hold(startS: 20, deadlineS: 40), fellBack: false, ContactRadiusM));
        Assert.True(FixEvidence.HoldShowable(quick, Hold(startS: 30, deadlineS: 90), fellBack: false, ContactRadiusM));
    }

    [Fact]
    public void Thirty_metres_of_progress_in_three_fixes_is_beyond_fixes_good_to_thirty_five_metres_indoors()
    {
        // Held 60 m down a corridor, then walks on toward the threat at 1 m/s: four fixes over 30 s.
        var truth = Truth(120, s => s < 60 ? 60 : 60 - (s - 60), indoorsWithinM: 70);
        var noisy = Track(truth, cadenceS: 10, noiseM: 5, indoorNoiseM: 35, biasM: 0);
        var clean = Track(truth, cadenceS: 10, noiseM: 5, indoorNoiseM: 8, biasM: 0);
        var clear = new ClearOutcome(0, "u", ResumedS: 60, DeadlineS: 90, ClearedS: null);

        Assert.False(FixEvidence.ProgressShowable(noisy, clear));
        Assert.True(FixEvidence.ProgressShowable(clean, clear));
    }

    // In contact at 5 m for a minute, falls back 35 m at about 1.2 m/s, and holds there for two minutes; all indoors.
    private static ImmutableArray<TruthSecond> FellBack() =>
        Truth(210, s => s < 60 ? 5 : Math.Min(40, 5 + ((s - 60) * 1.2)), indoorsWithinM: 80,
            label: s => s < 60 ? TruthLabel.Arrived : s < 90 ? TruthLabel.Opening : TruthLabel.Holding);

    private static ImmutableArray<TruthSecond> Truth(int seconds, Func<int, double> distanceM, double indoorsWithinM = 0, Func<int, TruthLabel>? label = null) =>
        [.. Enumerable.Range(0, seconds).Select(s => new TruthSecond(
            new LocalPoint(0, distanceM(s)), null, label?.Invoke(s) ?? TruthLabel.Holding, 0, distanceM(s) < indoorsWithinM))];

    // Fixes every cadence, exactly on the truth: the bound reads the device's noise, not its fixes' scatter.
    private static LabelledTrack Track(ImmutableArray<TruthSecond> truth, int cadenceS, double noiseM, double indoorNoiseM, double biasM) =>
        new("u", UnitRole.Contact, "test", cadenceS, noiseM, truth,
            [.. Enumerable.Range(0, truth.Length).Where(s => s % cadenceS == 0).Select(s => new SyntheticFix(s, truth[s].Position, null, null))],
            indoorNoiseM, "none", biasM);

    private static HoldOutcome Hold(int startS, int deadlineS) =>
        new(0, "u", startS, LengthS: 150, GraceS: 0, FlaggedS: null, SeenS: startS, deadlineS, Raises: 0, Clears: 0, ShownArrived: true);
}
