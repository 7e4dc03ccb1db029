using Command.Grains.Links;

namespace Command.Grains.Tests.Links;

/// <summary>Which host holds a source every host could connect to: one at a time, renewed, taken over once it runs out.</summary>
public sealed class SourceHoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Term = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_free_source_is_held_by_the_first_host_to_ask_and_refused_to_others_while_the_hold_runs()
    {
        var held = SourceHold.Ask(null, "a", Term, Now);
        var asked = SourceHold.Ask(held, "b", Term, Now.AddSeconds(14.9));

        Assert.Equal(new SourceHold("a", Term, Now.AddSeconds(15)), held);
        Assert.Same(held, asked);
    }

    [Fact]
    public void The_holder_renews_its_hold_by_asking_again_even_after_it_ran_out()
    {
        var held = SourceHold.Ask(null, "a", Term, Now);

        Assert.Equal(Now.AddSeconds(25), SourceHold.Ask(held, "a", Term, Now.AddSeconds(10)).Until);
        Assert.Equal(new SourceHold("a", Term, Now.AddSeconds(35)), SourceHold.Ask(held, "a", Term, Now.AddSeconds(20)));
    }

    [Fact]
    public void A_hold_run_out_unrenewed_is_taken_by_the_next_host_to_ask()
    {
        var held = SourceHold.Ask(null, "a", Term, Now);

        Assert.Equal(new SourceHold("b", Term, Now.AddSeconds(30)), SourceHold.Ask(held, "b", Term, Now.AddSeconds(15)));
    }

    [Fact]
    public void The_holder_says_how_it_stands_each_time_it_asks_and_another_host_is_told()
    {
        var down = SourceHold.Ask(SourceHold.Ask(null, "a", Term, Now), "a", Term, Now.AddSeconds(5), "Connection refused");
        var refused = SourceHold.Ask(down, "b", Term, Now.AddSeconds(6), null);

        Assert.Equal(("a", "Connection refused"), (refused.Holder, refused.Down));
        Assert.Null(SourceHold.Ask(refused, "a", Term, Now.AddSeconds(10)).Down);
    }

    [Fact]
    public void Only_the_holder_lets_go()
    {
        var held = SourceHold.Ask(null, "a", Term, Now);

        Assert.Same(held, SourceHold.LetGo(held, "b"));
        Assert.Null(SourceHold.LetGo(held, "a"));
        Assert.Null(SourceHold.LetGo(null, "a"));
    }
}
