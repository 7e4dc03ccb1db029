using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

public sealed class TrackSpacingTests
{
    [Fact]
    public void Unit_reporting_ten_times_a_second_is_judged_as_if_it_reported_once_a_second()
    {
        var fast = new Drill();
        var slow = new Drill();
        foreach (var drill in new[] { fast, slow })
        {
            drill.Threat("T1", 0, 0);
            drill.Enrol("u1");
            drill.Enrol("u2");
        }

        for (var tenth = 1; tenth <= 1200; tenth++)
        {
            // u1 holds 40 m out on noisy fixes; u2 walks in from 400 m. Only every tenth fix is far enough from the
            // last one judged to be judged, and the slow drill gets exactly those.
            var u1 = new LocalPoint(40 + (2 * Math.Sin(tenth)), 2 * Math.Cos(tenth * 0.7));
            var u2 = new LocalPoint(400 - (0.15 * tenth), 0);
            foreach (var drill in new[] { fast, slow })
            {
                drill.Wait(TimeSpan.FromMilliseconds(100));
                if (drill == fast || tenth % 10 == 1)
                {
                    drill.Fix("u1", u1);
                    drill.Fix("u2", u2);
                }

                if (tenth % 10 == 0)
                {
                    drill.Feed(new ClockTicked());
                }
            }
        }

        var flags = fast.Derived.Select(e => e with { Sequence = 0 }).ToList();
        Assert.Contains(flags, f => f is FlagEscalated { Subject: "u1", Level: FlagLevel.Alert });
        Assert.Equal(slow.Derived.Select(e => e with { Sequence = 0 }), flags);
        Assert.Equal(slow.Assess("u1") with { LastFix = null }, fast.Assess("u1") with { LastFix = null });
        Assert.Equal(slow.Assess("u2") with { LastFix = null }, fast.Assess("u2") with { LastFix = null });
        Assert.Equal(fast.Now, fast.Assess("u1").LastFix!.FixTime);
    }
}
