using Azure;
using Command.Recording.Storage;

namespace Command.Recording.Tests.Scenarios;

/// <summary>
/// Wraps a store: counts appends, can hold the next append until released (to make concurrent callers queue up),
/// and can be switched to fail like storage that is down.
/// </summary>
public sealed class CountingStore(ISessionStore inner) : ISessionStore
{
    private TaskCompletionSource? gate;
    private TaskCompletionSource? held;
    private TaskCompletionSource? entered;
    private Task? heldWait;

    public int Appends { get; private set; }

    public bool Down { get; set; }

    /// <summary>Reading, listing and creating fail too while storage is down (else only writes do).</summary>
    public bool ReadsDown { get; set; }

    /// <summary>The next append fails with this (not a storage failure: a bug, a conflict), then appends work again.</summary>
    public Exception? BreakNextAppend { get; set; }

    public string Location => inner.Location;

    /// <summary>Holds the next append; the returned task completes once it has arrived and is waiting.</summary>
    public Task HoldNextAppend()
    {
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return entered.Task;
    }

    public void Release() => held?.TrySetResult();

    /// <summary>True once the held append's caller has given it up (its time ran out) before it was released.</summary>
    public bool HeldGivenUp => heldWait is { IsCanceled: true };

    public async Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        if (gate is { } waiting)
        {
            gate = null;
            held = waiting;
            entered!.TrySetResult();

            // Given up by its caller (a time limit), a request ends as storage's would, without its answer.
            heldWait = waiting.Task.WaitAsync(cancellationToken);
            await heldWait;
        }

        Fail();
        if (BreakNextAppend is { } broken)
        {
            BreakNextAppend = null;
            throw broken;
        }

        Appends++;
        await inner.AppendAsync(path, offset, data, cancellationToken, owner);
    }

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        Fail();
        return inner.WriteAsync(path, data, cancellationToken, owner);
    }

    public Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        FailReads();
        return inner.OpenReadAsync(path, offset, cancellationToken);
    }

    public Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        FailReads();
        return inner.ReadAllAsync(path, cancellationToken);
    }

    public IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken)
    {
        FailReads();
        return inner.ListAsync(incidentId, cancellationToken);
    }

    public IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken) => inner.ListSessionsAsync(cancellationToken);

    public Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken) => inner.TakeOverAsync(path, owner, appendable, cancellationToken);

    public Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(incidentId, cancellationToken);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        FailReads();
        return inner.EnsureCreatedAsync(cancellationToken);
    }

    private void FailReads()
    {
        if (Down && ReadsDown)
        {
            throw new RequestFailedException(503, "storage is down (test)");
        }
    }

    private void Fail()
    {
        if (Down)
        {
            throw new RequestFailedException(503, "storage is down (test)");
        }
    }
}
