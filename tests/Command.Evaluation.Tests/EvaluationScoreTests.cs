using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Geometry;
using Command.Domain.Units;
using Command.Evaluation.Harness;

namespace Command.Evaluation.Tests;

/// <summary>How runs are scored against their truth, on runs written out by hand.</summary>
public sealed class EvaluationScoreTests
{
    [Fact]
    public void A_flag_turning_to_moving_away_while_the_unit_only_held_is_counted_each_time()
    {
        // Closing for 10 s, then holding to the end. Flag up at 40 s; shown moving away at 60 and 100 s: two turns,
        // each of which brings back a flag acknowledged as holding. Holding again at 70 s brings back nothing; the
        // wobble at 35 s came before the flag was up, and Closing is no turn.
        var figures = Score(label: s => s < 10 ? TruthLabel.Closing : TruthLabel.Holding);

        Assert.Equal([2], figures.Holds.Select(h => h.Turns));
        Assert.Contains("flag turns to moving away while the unit only held (each brings back a flag acknowledged as holding): 2 in 1 holds", figures.Lines());
    }

    [Fact]
    public void A_flag_that_turns_when_the_unit_turns_is_no_wobble()
    {
        // The same run, but the unit held and then walked away: turns that may follow it are not counted.
        var figures = Score(label: s => s < 10 ? TruthLabel.Closing : s < 80 ? TruthLabel.Holding : TruthLabel.Opening);

        Assert.Equal([0], figures.Holds.Select(h => h.Turns));
    }

    private static EvaluationFigures Score(Func<int, TruthLabel> label)
    {
        var truth = Enumerable.Range(0, 200)
            .Select(s => new TruthSecond(new LocalPoint(0, 300 - (Math.Min(s, 10) * 1.5)), null, label(s), 0))
            .ToImmutableArray();
        var track = new LabelledTrack("u", UnitRole.Contact, "test", 5, 5, truth,
            [.. Enumerable.Range(1, 199).Where(s => s % 5 == 0).Select(s => new SyntheticFix(s, truth[s].Position, 5, null))]);
        var incident = new EvaluationIncident(0, "hold", null, [track]);
        var marks = new RunMarks(
            [new FlagMark("u", "raised", FlagLevel.Watch, 40)],
            [
                new StateMark("u", MotionState.Closing, 1),
                new StateMark("u", MotionState.Holding, 30),
                new StateMark("u", MotionState.Opening, 35),
                new StateMark("u", MotionState.Holding, 38),
                new StateMark("u", MotionState.Opening, 60),
                new StateMark("u", MotionState.Holding, 70),
                new StateMark("u", MotionState.Opening, 100),
            ]);
        return EvaluationScore.Score([(incident, marks)], AssessmentOptions.Default);
    }
}
