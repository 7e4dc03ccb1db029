using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// An officer in contact indoors whose device says its speed and course is heard walking off: his receiver's
/// velocity, added up over the walk, says he went further than contact reaches, however his fixes scatter. And heard
/// walking back, he is back in contact. Standing in contact, his receiver's noise never adds up to a walk.
/// </summary>
public sealed class WalkedOffTests
{
    // The hall is a building 40 m wide running 140 m north from 20 m south of the threat, which is at the origin.
    // The officer walks in from 100 m up the hall at 1.5 m/s to 5 m from the threat (at 63 s), stands there a minute,
    // falls back 40 m up the hall at 1.3 m/s (123 s to 154 s) and holds there.
    private static LocalPoint FallBack(double t) =>
        new(0, t < 63 ? 100 - (1.5 * t) : t < 123 ? 5 : Math.Min(45, 5 + (1.3 * (t - 123))));

    private static LocalPoint FallBackVelocity(double t) => new(0, t < 63 ? -1.5 : t < 123 ? 0 : t < 154 ? 1.3 : 0);

    // The fall back, then at 300 s back down the hall at 1.3 m/s to 5 m from the threat (at 331 s).
    private static LocalPoint WalkBack(double t) => t < 300 ? FallBack(t) : new(0, Math.Max(5, 45 - (1.3 * (t - 300))));

    private static LocalPoint WalkBackVelocity(double t) => t < 300 ? FallBackVelocity(t) : new(0, t < 331 ? -1.3 : 0);

    // In at 63 s and standing 5 m from the threat from then on.
    private static LocalPoint InContact(double t) => new(0, t < 63 ? 100 - (1.5 * t) : 5);

    private static LocalPoint InContactVelocity(double t) => new(0, t < 63 ? -1.5 : 0);

    [Fact]
    public void An_officer_who_falls_back_down_the_hallway_is_flagged_on_his_receivers_word_however_his_fixes_scatter()
    {
        // A phone every 5 s, its fixes 25 m off indoors with a wandering bias, its velocity half a metre a second off on
        // each axis. Ten draws: every one is flagged as falling back within a minute of his stopping 45 m out; on his
        // receiver's word most are while he still walks back, by 150 s; on his fixes alone none is by then.
        var (onWord, onFixes) = (0, 0);
        for (var seed = 1; seed <= 10; seed++)
        {
            var heard = Played(214, 5, Drill.Noisy(FallBack, 18, 6, seed), Said(FallBackVelocity, seed));
            var speedOnly = Played(150, 5, Drill.Noisy(FallBack, 18, 6, seed), Drill.SpeedOnly(Said(FallBackVelocity, seed)));

            var raised = Assert.Single(heard.Derived.OfType<FlagRaised>());
            Assert.StartsWith("fell back from contact ", raised.Reason, StringComparison.Ordinal);
            Assert.InRange((raised.Time - Drill.Start).TotalSeconds, 123, 214);
            onWord += raised.Time <= Drill.Start.AddSeconds(150)
                && System.Text.RegularExpressions.Regex.IsMatch(raised.Reason, @"^fell back from contact \d+ s ago \(its device says it walked \d+ m from there\), now \d+ m from the threat") ? 1 : 0;
            onFixes += speedOnly.Derived.OfType<FlagRaised>().Count();
        }

        Assert.True(onWord >= 8, $"{onWord} of 10 flagged on the receiver's word by 150 s");
        Assert.Equal(0, onFixes);
    }

    [Fact]
    public void A_shorter_walk_off_is_heard_where_the_fixes_since_bear_it_out()
    {
        // The fall back with a radio every 12 s, fixes 15 m off: two or three reports on the walk add up to 40 m
        // against some 10 m of error, short of five times it. Where the middle of his fixes since the walk began is out
        // of contact by twice its own error, three times is enough. Ten draws: three are flagged on his receiver's word
        // within a minute of his stopping (at 154 s), five in all; on five times alone, none on its word, four in all.
        var (onWord, flagged) = (0, 0);
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(214, 12, Drill.Noisy(FallBack, 15, 6, seed), Said(FallBackVelocity, seed));

            onWord += drill.Derived.OfType<FlagRaised>().Any(raised => raised.Reason.Contains("its device says it walked", StringComparison.Ordinal)) ? 1 : 0;
            flagged += drill.Derived.OfType<FlagRaised>().Any() ? 1 : 0;
        }

        Assert.True(onWord >= 3 && flagged >= 5, $"{onWord} of 10 flagged on the receiver's word, {flagged} flagged, within a minute of stopping");
    }

    [Fact]
    public void An_officer_judged_in_contact_only_as_he_sets_off_is_heard_walking_off()
    {
        // A tracker every 8 s, its fixes 30 m off indoors: the officer stands 5 m from the threat for only half a minute
        // (63 s to 95 s) before falling back 40 m up the hall, and his fixes settle on the threat only as he sets off.
        // What his receiver said while he stood, before he was judged in contact, counts: of ten draws, seven are flagged
        // on its word within a minute of his stopping (at 126 s); without it, four were.
        LocalPoint Path(double t) => new(0, t < 63 ? 100 - (1.5 * t) : t < 95 ? 5 : Math.Min(45, 5 + (1.3 * (t - 95))));
        LocalPoint Velocity(double t) => new(0, t < 63 ? -1.5 : t < 95 ? 0 : t < 126 ? 1.3 : 0);
        var onWord = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(186, 8, Drill.Noisy(Path, 22, 6, seed), Said(Velocity, seed));

            onWord += drill.Derived.OfType<FlagRaised>().Any(raised => raised.Reason.Contains("its device says it walked", StringComparison.Ordinal)) ? 1 : 0;
        }

        Assert.True(onWord >= 7, $"{onWord} of 10 flagged on the receiver's word within a minute of stopping");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    public void An_officer_standing_in_contact_indoors_is_not_walked_off_by_his_receivers_noise(int cadence)
    {
        // In at 63 s and standing 5 m from the threat for ten minutes; standing still his receiver reads 0.6 m/s on
        // average, this way and that. Ten draws at each cadence: on none is he heard walking off. (On one, his fixes
        // alone show him plainly out of contact for a while; that is not this rule.)
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(660, cadence, Drill.Noisy(InContact, 18, 6, seed), Said(InContactVelocity, seed));

            Assert.DoesNotContain(drill.Derived, e => e is FlagRaised raised && raised.Reason.Contains("its device says it walked", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(5, 4)]
    public void An_officer_in_contact_whose_fixes_drift_off_on_a_wandering_bias_stays_in_contact_on_his_receivers_word(int cadence, int most)
    {
        // In at 63 s and standing 5 m from the threat for ten minutes, a phone whose indoor fixes carry a bias of 15 m
        // that wanders over minutes: their middle leaves contact now and then though he never moves. Twenty draws. Every
        // 2 s, with his receiver's course none is flagged as falling back from contact (before, 13 were; with its speed
        // alone, 16). Every 5 s his receiver's noise adds up to a walk of 20 m within two minutes more often: 4 are (at
        // once its error rather than twice, 6; with its speed alone, 10). (A few are flagged holding short of the
        // threat on the walk in, before their fixes put them there: not this rule.)
        var (heard, speedOnly) = (0, 0);
        for (var seed = 1; seed <= 20; seed++)
        {
            heard += FallBacks(Played(660, cadence, Drill.Noisy(InContact, 10, 15, seed), Said(InContactVelocity, seed)));
            speedOnly += FallBacks(Played(660, cadence, Drill.Noisy(InContact, 10, 15, seed), Drill.SpeedOnly(Said(InContactVelocity, seed))));
        }

        Assert.True(heard <= most && speedOnly >= 10, $"falls back flagged with the course {heard}, with speed alone {speedOnly}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void An_officer_whose_fixes_drift_out_of_the_hall_is_not_heard_walking_off_on_his_receivers_indoor_noise(int cadence)
    {
        // Standing 5 m from the threat for ten minutes, his fixes carry a bias of 25 m that wanders over minutes and
        // takes them out of the 40 m wide hall now and then; his receiver, indoors, still errs by half a metre a second.
        // Twenty draws: his receiver's noise is never heard as a walk off (before, judged as a receiver outdoors, it was
        // on a few draws: "its device says it walked 21 m from there").
        for (var seed = 1; seed <= 20; seed++)
        {
            var drill = Played(660, cadence, Drill.Noisy(InContact, 10, 25, seed), Said(InContactVelocity, seed));

            Assert.DoesNotContain(drill.Derived, e => e is FlagRaised raised && raised.Reason.Contains("its device says it walked", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_board_says_an_officer_is_kept_in_contact_on_his_receivers_word()
    {
        // In at 63 s and standing 5 m from the threat; from 100 s his fixes drift north on their bias, 40 m by 280 s,
        // while his receiver says he stands. At 300 s he is still in contact, and the board says why; heard without
        // his course, he has fallen back.
        LocalPoint Fixes(double t) => InContact(t) + new LocalPoint(0, Math.Clamp((t - 100) * 40 / 180, 0, 40));
        (double Speed, double? Course) Standing(double t) => t < 63 ? (1.5, 180) : (0.1, 90);

        var heard = Played(300, 8, Fixes, Standing);
        var speedOnly = Played(300, 8, Fixes, Drill.SpeedOnly(Standing));

        var unit = heard.Assess("u1");
        Assert.Equal(MotionState.Arrived, unit.State);
        Assert.Matches(@"^inside B1, \d+ m from the threat, fixes ±\d+ m; its device says it has not walked off$", unit.ArrivalReason);
        Assert.Empty(heard.Derived);
        Assert.StartsWith("fell back from contact ", Assert.Single(speedOnly.Derived.OfType<FlagRaised>()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_officer_whose_noise_puts_him_in_contact_before_he_is_there_has_not_walked_off_as_he_goes_on_in()
    {
        // A phone every 2 s whose fixes are 35 m off indoors walks in from 130 m at 1.5 m/s to 3 m from the threat
        // and stands there: its noise may show it in contact 30 m out. Going on in, its receiver's walk adds up to more
        // than contact reaches, but it never said it stood there first. Twenty draws: none is flagged.
        LocalPoint Path(double t) => new(0, Math.Max(3, 130 - (1.5 * t)));
        LocalPoint Velocity(double t) => new(0, 130 - (1.5 * t) > 3 ? -1.5 : 0);
        for (var seed = 1; seed <= 20; seed++)
        {
            var drill = Played(180, 2, Drill.Noisy(Path, 25, 6, seed), Said(Velocity, seed));

            Assert.DoesNotContain(drill.Derived, e => e is FlagRaised);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_officer_heard_walking_off_is_not_back_in_contact_on_fixes_from_before_his_walk(int cadence)
    {
        // The fall back with a phone, fixes 30 m off indoors: his receiver is heard walking off before he is halfway
        // up the hall, while most of his last 30 s of fixes are still from where he stood at the threat, and their
        // middle within contact. Back on them, he would be back only with a walk toward the threat from where his fixes
        // had him since the walk began, that is from the threat itself, any way at all: his walk off itself, now and
        // then. He is back only on a walk back the way he walked off. Forty draws at each cadence: of the 35 heard
        // walking off, none is cleared while he stands up the hall (before, one was).
        var (heard, cleared) = (0, 0);
        for (var seed = 1; seed <= 40; seed++)
        {
            var drill = Played(300, cadence, Drill.Noisy(FallBack, 30, 6, seed), Said(FallBackVelocity, seed));
            if (drill.Derived.OfType<FlagRaised>().FirstOrDefault(raised => raised.Reason.Contains("its device says it walked", StringComparison.Ordinal)) is not { } flag)
            {
                continue;
            }

            heard++;
            cleared += drill.Derived.OfType<FlagCleared>().Count(c => c.Time > flag.Time);
            foreach (var c in drill.Derived.OfType<FlagCleared>().Where(c => c.Time > flag.Time)) System.Console.WriteLine($"DBG seed {seed} flag {(flag.Time - Drill.Start).TotalSeconds} {flag.Reason} cleared {(c.Time - Drill.Start).TotalSeconds}: {c.Reason}");
        }

        Assert.True(heard >= 20 && cleared == 0, $"{cleared} cleared of {heard} heard walking off");
    }

    [Fact]
    public void An_officer_standing_down_the_hall_is_not_cleared_on_his_fixes_while_his_receiver_says_he_stands()
    {
        // The fall back, then standing 45 m down the hall for seven minutes, fixes 25-30 m off indoors, from phones every
        // 2, 3 and 5 s whose receivers say he stands. Now and then the line through 30 s of his fixes runs toward the
        // threat fast enough, and far enough, to pass for progress: forty draws at each, 6 were cleared as "closing"
        // (and flagged again). His receiver's reports add up to no walk toward the threat: at most one is.
        var cleared = new List<string>();
        foreach (var (cadence, axisM) in new[] { (2, 30.0), (3, 30.0), (5, 25.0) })
        {
            for (var seed = 1; seed <= 40; seed++)
            {
                var drill = Played(600, cadence, Drill.Noisy(FallBack, axisM, 6, seed), Said(FallBackVelocity, seed));
                cleared.AddRange(drill.Derived.OfType<FlagCleared>().Where(c => c.Reason.StartsWith("closing", StringComparison.Ordinal))
                    .Select(c => $"every {cadence} s, seed {seed}, at {(c.Time - Drill.Start).TotalSeconds} s: {c.Reason}"));
            }
        }

        Assert.True(cleared.Count <= 1, string.Join("; ", cleared));
    }

    [Fact]
    public void An_officer_who_walks_back_is_back_in_contact_on_his_receivers_word()
    {
        // The fall back, then at 300 s back down the hall at 1.3 m/s to 5 m from the threat (at 331 s). Ten draws:
        // each is cleared within 30 s of getting there (as closing, or as arrived), never flagged again, and in
        // contact at the end.
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(480, 5, Drill.Noisy(WalkBack, 18, 6, seed), Said(WalkBackVelocity, seed));

            Assert.Single(drill.Derived.OfType<FlagRaised>());
            var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>());
            Assert.InRange((cleared.Time - Drill.Start).TotalSeconds, 300, 361);
            Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
        }
    }

    [Fact]
    public void An_officer_standing_down_the_hallway_is_not_back_in_contact_on_fixes_his_receiver_does_not_bear_out()
    {
        // The fall back, then eight minutes standing 45 m up the hall; a tracker every 10 s (too few reports for the
        // walk off to be heard: he is flagged on his fixes) whose fixes are 35 m off indoors with a wandering bias, so
        // the middle of 30 s of them falls within contact now and then. Thirty draws: with his receiver's course, two
        // falls back are cleared while he stands there (one where its noise over a minute added up to a walk back as
        // his fixes fell within contact); with its speed alone (no walk to bear the fixes out), seven are.
        var (heardClears, speedOnlyClears) = (0, 0);
        for (var seed = 1; seed <= 30; seed++)
        {
            var heard = Played(640, 10, Drill.Noisy(FallBack, 35, 10, seed), Said(FallBackVelocity, seed));
            var speedOnly = Played(640, 10, Drill.Noisy(FallBack, 35, 10, seed), Drill.SpeedOnly(Said(FallBackVelocity, seed)));

            heardClears += FallBacksCleared(heard);
            speedOnlyClears += FallBacksCleared(speedOnly);
        }

        Assert.True(heardClears <= 2 && speedOnlyClears >= 5, $"{heardClears} cleared with the receiver's course, {speedOnlyClears} with its speed alone");
    }

    [Fact]
    public void An_officer_flagged_on_his_fixes_who_walks_back_is_back_in_contact_in_time()
    {
        // The fall back with a tracker every 10 s, too few reports for his walk back to be heard on its own; at 300 s
        // back down the hall at 1.3 m/s to 5 m from the threat (at 331 s). Ten draws: his receiver's walk bears out his
        // fixes once they show him back, which at that cadence and noise takes them up to a minute and more; each is
        // cleared once, after he set off back, and is in contact at the end. (Before, one heard walking off was only
        // back on a walk back heard on its own, and stayed flagged.)
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(480, 10, Drill.Noisy(WalkBack, 18, 6, seed), Said(WalkBackVelocity, seed));

            Assert.Single(drill.Derived.OfType<FlagRaised>());
            var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>());
            Assert.InRange((cleared.Time - Drill.Start).TotalSeconds, 300, 480);
            Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
        }
    }

    [Fact]
    public void An_officer_heard_walking_off_from_a_slow_device_is_back_in_contact_in_time()
    {
        // The fall back and the walk back (at 300 s, 1.3 m/s, back 5 m from the threat at 331 s) with a tracker every
        // 10 s, fixes 25 m off: three reports on the walk back add up to too little for five times their error, and the
        // middle of 30 s of such fixes is seldom within the hysteresis. Where it is within contact's reach by its own
        // error, three times is enough. Thirty draws: every one of the twelve heard walking off is cleared within 30 s
        // of getting back (on five times alone, one was not).
        var (heard, inTime) = (0, 0);
        for (var seed = 1; seed <= 30; seed++)
        {
            var drill = Played(480, 10, Drill.Noisy(WalkBack, 25, 6, seed), Said(WalkBackVelocity, seed));
            if (!drill.Derived.OfType<FlagRaised>().Any(raised => raised.Reason.Contains("its device says it walked", StringComparison.Ordinal)))
            {
                continue;
            }

            heard++;
            inTime += drill.Derived.OfType<FlagCleared>().Any(cleared => (cleared.Time - Drill.Start).TotalSeconds <= 361) ? 1 : 0;
        }

        Assert.True(heard >= 10 && inTime == heard, $"{inTime} of {heard} heard walking off cleared within 30 s of getting back");
    }

    [Fact]
    public void An_officer_flagged_on_his_fixes_is_back_in_contact_on_his_receivers_walk_back()
    {
        // The fall back and the walk back (at 300 s, 1.3 m/s, back 5 m from the threat at 331 s) with a tracker every
        // 10 s, fixes 30 m off: his walk off is seldom heard, and he is flagged on his fixes, whose middle then seldom
        // falls within contact as he gets back. His receiver says the whole walk back toward the threat. Forty draws:
        // of the eighteen flagged on their fixes, seventeen are cleared within 30 s of getting back (seven were on their
        // fixes alone), fourteen of them on the receiver's word, and none is flagged again.
        var (onFixes, inTime, onWord, again) = (0, 0, 0, 0);
        for (var seed = 1; seed <= 40; seed++)
        {
            var drill = Played(480, 10, Drill.Noisy(WalkBack, 30, 6, seed), Said(WalkBackVelocity, seed));
            if (!drill.Derived.OfType<FlagRaised>().Any(raised => raised.Reason.StartsWith("fell back from contact", StringComparison.Ordinal)
                && !raised.Reason.Contains("its device says it walked", StringComparison.Ordinal)))
            {
                continue;
            }

            onFixes++;
            var back = drill.Derived.OfType<FlagCleared>().Where(cleared => cleared.Time >= Drill.Start.AddSeconds(300)).ToList();
            inTime += back.Any(cleared => cleared.Time <= Drill.Start.AddSeconds(361)) ? 1 : 0;
            onWord += back.Any(cleared => cleared.Reason.Contains("its device says it walked back", StringComparison.Ordinal)) ? 1 : 0;
            again += drill.Derived.OfType<FlagRaised>().Count(raised => raised.Time > Drill.Start.AddSeconds(331));
        }

        Assert.True(onFixes >= 15 && inTime >= onFixes - 1 && onWord >= 12 && again == 0,
            $"{inTime} of {onFixes} flagged on their fixes cleared within 30 s of getting back, {onWord} on the receiver's word; {again} flagged again");
    }

    [Fact]
    public void An_officer_back_on_his_receivers_word_before_he_is_there_has_not_walked_off_as_he_goes_on_in()
    {
        // The fall back and the walk back with a phone every 3 s, fixes 25 m or 35 m off: his receiver says the walk
        // back before he gets there, at 331 s, and he is back in contact while he still walks in. Forty draws of each:
        // of those back by 320 s, none is heard walking off on the rest of his walk in, which his receiver said after he
        // stood down the hallway, but not after he was back (seven were, before).
        var (early, walkedOff) = (0, 0);
        foreach (var noise in new[] { 25, 35 })
        {
            for (var seed = 1; seed <= 40; seed++)
            {
                var drill = Played(480, 3, Drill.Noisy(WalkBack, noise, 6, seed), Said(WalkBackVelocity, seed));
                if (drill.Derived.OfType<FlagCleared>().FirstOrDefault(cleared => cleared.Time >= Drill.Start.AddSeconds(300)
                        && cleared.Reason.Contains("its device says it walked back", StringComparison.Ordinal)) is not { } back
                    || back.Time > Drill.Start.AddSeconds(320))
                {
                    continue;
                }

                early++;
                walkedOff += drill.Derived.OfType<FlagRaised>()
                    .Count(raised => raised.Time > back.Time && raised.Reason.Contains("its device says it walked", StringComparison.Ordinal));
            }
        }

        Assert.True(early >= 20 && walkedOff == 0, $"{walkedOff} of {early} back before they got there heard walking off as they went on in");
    }

    [Fact]
    public void The_walk_a_receiver_said_outlives_a_restart()
    {
        // The walk back in, the host restarted while he holds up the hall and again as he is back on his receiver's
        // word (at 320 s; his fixes still put him 42 m out): cleared when he is back, and not flagged again, as without
        // the restarts.
        var uninterrupted = Played(480, 5, Drill.Noisy(WalkBack, 18, 6, seed: 1), Said(WalkBackVelocity, seed: 1));

        var restarted = Played(480, 5, Drill.Noisy(WalkBack, 18, 6, seed: 1), Said(WalkBackVelocity, seed: 1), restarts: [250, 320]);

        Assert.Equal(uninterrupted.Transitions, restarted.Transitions);
        Assert.Single(uninterrupted.Derived.OfType<FlagCleared>());
    }

    // How many flags were raised on a fall back from contact.
    private static int FallBacks(Drill drill) =>
        drill.Derived.OfType<FlagRaised>().Count(raised => raised.Reason.StartsWith("fell back from contact", StringComparison.Ordinal));

    // How many flags raised on a fall back from contact were cleared.
    private static int FallBacksCleared(Drill drill)
    {
        var (cleared, fellBack) = (0, false);
        foreach (var e in drill.Derived)
        {
            fellBack = e is FlagRaised raised ? raised.Reason.StartsWith("fell back from contact", StringComparison.Ordinal) : fellBack;
            cleared += e is FlagCleared && fellBack ? 1 : 0;
        }

        return cleared;
    }

    // What the officer's receiver says at second t: his true velocity, off by half a metre a second on each axis.
    private static Func<double, (double Speed, double? Course)> Said(Func<double, LocalPoint> velocity, int seed) => Drill.Receiver(velocity, _ => 0.5, seed);

    // Threat T1 at the origin inside the hall, contact unit u1 reporting every cadence seconds with its 25 m accuracy
    // and what its receiver says, run for the given seconds; the host restarted at the seconds given.
    private static Drill Played(int seconds, int cadence, Func<double, LocalPoint> path, Func<double, (double Speed, double? Course)> said, int[]? restarts = null)
    {
        var probe = new Drill();
        var drill = new Drill(site: Drill.SiteWith([probe.Box("B1", -20, -20, 20, 120)]));
        drill.Threat("T1", 0, 0, uncertaintyM: null);
        drill.Enrol("u1");
        return drill.Report("u1", seconds, cadence, path, t => said(t), accuracyM: 25, restarts ?? []);
    }
}
