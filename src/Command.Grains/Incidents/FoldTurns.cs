namespace Command.Grains.Incidents;

/// <summary>
/// Keeps report batches folding in the order they reached the incident when one of them must wait before it folds
/// (to claim a unit it would enrol): each batch that waits, or arrives while one waits, takes a turn, and folds once
/// the turn before it has. A batch arriving while none waits folds at once, taking no turn.
/// </summary>
public sealed class FoldTurns
{
    private Task last = Task.CompletedTask;

    /// <summary>True while no batch is waiting its turn or folding in one.</summary>
    public bool Idle => last.IsCompleted;

    /// <summary>
    /// Takes the next turn: <see cref="Turn.Ready"/> completes when the batch before has folded, and the batch ends
    /// its turn with <see cref="Turn.Done"/> once it has folded (or given up), whatever happens.
    /// </summary>
    public Turn Take()
    {
        var previous = last;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        last = done.Task;
        return new Turn(previous, done);
    }

    /// <summary>One batch's turn.</summary>
    public sealed class Turn(Task ready, TaskCompletionSource done)
    {
        public Task Ready { get; } = ready;

        public void Done() => done.TrySetResult();
    }
}
