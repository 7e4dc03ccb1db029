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

    public int Appends { get; private set; }

    public bool Down { get; set; }

    public string Location => inner.Location;

    /// <summary>Holds the next append; the returned task completes once it has arrived and is waiting.</summary>
    public Task HoldNextAppend()
    {
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return entered.Task;
    }

    public void Release() => held?.TrySetResult();

    public async Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (gate is { } waiting)
        {
            gate = null;
            held = waiting;
            entered!.TrySetResult();
            await waiting.Task;
        }

        Fail();
        Appends++;
        await inner.AppendAsync(path, offset, data, cancellationToken);
    }

    public Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Fail();
        return inner.WriteAsync(path, data, cancellationToken);
    }

    public Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken) => inner.OpenReadAsync(path, offset, cancellationToken);

    public Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken) => inner.ReadAllAsync(path, cancellationToken);

    public IAsyncEnumerable<StoredObject> ListAsync(string incidentId, CancellationToken cancellationToken) => inner.ListAsync(incidentId, cancellationToken);

    public IAsyncEnumerable<string> ListSessionsAsync(CancellationToken cancellationToken) => inner.ListSessionsAsync(cancellationToken);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);

    private void Fail()
    {
        if (Down)
        {
            throw new RequestFailedException(503, "storage is down (test)");
        }
    }
}
