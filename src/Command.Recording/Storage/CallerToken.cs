using Polly;

namespace Command.Recording.Storage;

/// <summary>
/// Keeps the token a live append's caller passed, so a request cut off inside the pipeline can be told apart: cancelled
/// while its caller was not means the append's time ran out on storage that did not answer, a storage failure like any
/// other; cancelled by its caller (the recording stopping) says nothing of storage.
/// </summary>
internal sealed class CallerToken : ResilienceStrategy
{
    private static readonly ResiliencePropertyKey<CancellationToken> Key = new("Command.CallerToken");

    /// <summary>True when the outcome is a cancellation its caller did not ask for: a time limit inside the pipeline ran out.</summary>
    public static bool TimedOut(ResilienceContext context, Exception? exception) =>
        exception is OperationCanceledException && context.Properties.TryGetValue(Key, out var caller) && !caller.IsCancellationRequested;

    protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        context.Properties.Set(Key, context.CancellationToken);
        return callback(context, state);
    }
}
