namespace Command.Host.Hosting;

/// <summary>
/// A grain call that found its grain's host gone, or could not reach it in time: what a cluster shows for the seconds it
/// takes to move a dead host's grains to the living. Such a call may succeed if made again; it says nothing of the call.
/// </summary>
public static class Unreachable
{
    public static bool Is(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
