using System.Diagnostics;

namespace Command.Fuzz.Live;

/// <summary>
/// Holds senders to a rate: message n goes no sooner than n / rate seconds after the first. For the tool, against a
/// host whose UDP listener would otherwise see most datagrams dropped by the kernel before it could read them.
/// </summary>
public sealed class SendingRate(int perSecond)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Waits until message <paramref name="n"/> (counted from 1) may go.</summary>
    public async ValueTask WaitAsync(long n, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds((n - 1) / (double)perSecond);
        var early = due - clock.Elapsed;
        if (early > TimeSpan.FromMilliseconds(2))
        {
            await Task.Delay(early, cancellationToken);
        }
    }
}
