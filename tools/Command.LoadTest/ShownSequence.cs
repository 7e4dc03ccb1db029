using System.Diagnostics;

namespace Command.LoadTest;

/// <summary>
/// The highest incident sequence a listener's frames have shown and when it came, and waits for a higher one: how a
/// failover is timed, since only a new activation of the incident can show news after its silo died.
/// </summary>
public sealed class ShownSequence
{
    private readonly Lock sync = new();
    private readonly List<(long After, TaskCompletionSource<long> Shown)> awaited = [];
    private long last;
    private long lastAt;

    /// <summary>The highest sequence shown so far; 0 before any.</summary>
    public long Last
    {
        get
        {
            lock (sync)
            {
                return last;
            }
        }
    }

    /// <summary>A frame showing <paramref name="sequence"/> came at <paramref name="at"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Show(long sequence, long at)
    {
        lock (sync)
        {
            if (sequence <= last)
            {
                return;
            }

            (last, lastAt) = (sequence, at);
            for (var i = awaited.Count - 1; i >= 0; i--)
            {
                if (awaited[i].After < sequence)
                {
                    awaited[i].Shown.SetResult(at);
                    awaited.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// When (a <see cref="Stopwatch"/> timestamp) the first frame showing a sequence above <paramref name="sequence"/>
    /// came. Meant for a sequence at least <see cref="Last"/>: if one above came already, completes at once with when
    /// the latest such frame came.
    /// </summary>
    public Task<long> AfterAsync(long sequence)
    {
        lock (sync)
        {
            if (last > sequence)
            {
                return Task.FromResult(lastAt);
            }

            var shown = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            awaited.Add((sequence, shown));
            return shown.Task;
        }
    }
}
