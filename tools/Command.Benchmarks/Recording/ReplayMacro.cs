using System.Diagnostics;
using Command.Domain.Views;
using Command.Recording.Reading;
using Command.Recording.Replay;

namespace Command.Benchmarks.Recording;

/// <summary>
/// Replay of the recorded hour (500 units, 1.8 M positions) at 60×, measured the way a dashboard watches it: every
/// 100 ms of the replay's clock the session advances six seconds of drill and the frame of what changed is built,
/// as the host's replay player does. Prints the work one wall second takes; under a second means the replay keeps up.
/// </summary>
public static class ReplayMacro
{
    public static async Task RunAsync(TextWriter output, int wallSeconds = 30)
    {
        await RecordedHour.EnsureAsync();
        var reader = await SessionReader.OpenAsync(RecordedHour.Store, HourSession.IncidentId);
        var clock = new ManualClock();
        await using var replay = await ReplaySession.OpenAsync(reader, clock, at: HourSession.T0.AddMinutes(10));
        var frames = new FrameCoalescer();
        frames.Restart("replay:bench", replay.Projection, replay.Projection.LastSequence);
        replay.SetSpeed(ReplaySession.MaxSpeed);
        replay.Play();
        var pacing = FramePacing.Default;
        var perSecond = new List<double>();
        var cpuPerSecond = new List<double>();
        using var process = Process.GetCurrentProcess();
        var events = 0L;
        var units = 0L;
        var watch = new Stopwatch();
        for (var second = 0; second < wallSeconds && !replay.AtEnd; second++)
        {
            watch.Restart();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            for (var step = TimeSpan.Zero; step < TimeSpan.FromSeconds(1); step += pacing.Interval)
            {
                clock.Advance(pacing.Interval);
                var advanced = await replay.AdvanceAsync();
                frames.Notice(advanced.Applied);
                if (advanced.Ticked)
                {
                    frames.NoticeClock();
                }

                events += advanced.Applied.Count;
                units += frames.Take("replay:bench", replay.Projection, replay.Projection.LastSequence)?.Units.Length ?? 0;
            }

            perSecond.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpuPerSecond.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        output.WriteLine($"replay at 60x of {HourSession.Units} units: {perSecond.Count} wall seconds, {events:N0} events folded, {units:N0} unit rows framed");
        output.WriteLine($"elapsed per wall second: {Spread(perSecond)} (keeps up below 1000 ms; target 800 ms)");
        output.WriteLine($"CPU per wall second:     {Spread(cpuPerSecond)} (all threads, the GC's included)");
    }

    private static string Spread(List<double> values)
    {
        var sorted = values.Order().ToList();
        return $"median {sorted[sorted.Count / 2]:F0} ms, p90 {sorted[(int)(sorted.Count * 0.9)]:F0} ms, max {sorted[^1]:F0} ms, mean {sorted.Average():F0} ms";
    }
}
