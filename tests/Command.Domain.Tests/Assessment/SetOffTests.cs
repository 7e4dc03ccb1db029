using Command.Domain.Assessment;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

public sealed class SetOffTests
{
    [Theory]
    [InlineData(5, 45)]
    [InlineData(10, 70)]
    public void A_unit_that_holds_and_then_sets_off_away_from_the_threat_is_shown_moving_away_while_it_walks(int cadence, double withinS)
    {
        // Closes to 250 m, holds there for two and a half minutes, then walks away at 1.3 m/s: its fixes since the
        // hold began bend where it set off. A phone with its bias wandering, over 20 draws.
        var late = new List<string>();
        for (var seed = 1; seed <= 20; seed++)
        {
            var drill = new Drill();
            drill.Threat("T1", 0, 0);
            drill.Enrol("u1");
            drill.Move("u1", Drill.Noisy(t => new LocalPoint(t < 100 ? 400 - (1.5 * t) : t < SetOffS ? 250 : 250 + (1.3 * (t - SetOffS)), 0), axisM: 4, biasM: 2, seed), cadence: cadence, accuracyM: 6);
            drill.Run(SetOffS);
            Assert.Equal(MotionState.Holding, drill.Assess("u1").State);
            double? shownAfterS = null;
            for (var second = 0; second < 200; second++)
            {
                drill.Run(1);
                var state = drill.Assess("u1").State;
                if (state == MotionState.Opening)
                {
                    shownAfterS ??= drill.Elapsed - SetOffS;
                }
                else if (shownAfterS is not null)
                {
                    late.Add($"draw {seed}: shown {state} again {drill.Elapsed - SetOffS} s after setting off");
                    break;
                }
            }

            if (shownAfterS is not { } after || after > withinS)
            {
                late.Add($"draw {seed}: shown moving away {shownAfterS?.ToString() ?? "never"} s after setting off");
            }

            Assert.StartsWith("moving away for", drill.Assess("u1").FlagReason, StringComparison.Ordinal);
        }

        Assert.Empty(late);
    }

    private const double SetOffS = 250;
}
