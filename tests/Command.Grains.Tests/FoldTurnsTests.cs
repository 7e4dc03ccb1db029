using Command.Grains.Incidents;

namespace Command.Grains.Tests;

/// <summary>A batch that must wait before it folds keeps the batches after it behind it.</summary>
public sealed class FoldTurnsTests
{
    [Fact]
    public async Task Each_turn_is_ready_once_the_one_before_is_done_and_none_waits_when_nothing_did()
    {
        var turns = new FoldTurns();
        Assert.True(turns.Idle);

        var first = turns.Take();
        var second = turns.Take();
        var third = turns.Take();

        Assert.True(first.Ready.IsCompleted);
        Assert.False(second.Ready.IsCompleted);
        Assert.False(turns.Idle);

        first.Done();
        await second.Ready.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(third.Ready.IsCompleted);

        second.Done();
        third.Done();
        third.Done();
        await third.Ready.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(turns.Idle);
    }
}
