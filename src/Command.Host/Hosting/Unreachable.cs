namespace Command.Host.Hosting;

/// <summary>
/// A grain call that found its grain's host gone, or could not reach it in time: what a cluster shows for the seconds it
/// takes to move a dead host's grains to the living, or while its storage answers too slowly for a grain to be brought up.
/// Such a call may succeed if made again; it says nothing of the call.
/// </summary>
public static class Unreachable
{
    public static bool Is(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException || Expired(ex);

    /// <summary>
    /// A call whose message expired before the cluster could place or deliver it ("Message expired before placement could
    /// complete"): Orleans throws it as a cancellation no token asked for. A cancellation that was asked for carries its token.
    /// </summary>
    private static bool Expired(Exception ex) => ex is OperationCanceledException { CancellationToken.IsCancellationRequested: false } and not TaskCanceledException;
}
