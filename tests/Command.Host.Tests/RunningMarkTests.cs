using RunningMark = Command.Host.Hosting.RunningMark;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests;

/// <summary>
/// A host marks in its data folder when it was last known running, so the next run dates a stop from then rather than
/// from each quiet incident's last event; a host killed outright leaves a mark at most a few seconds old.
/// </summary>
public sealed class RunningMarkTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_while_running_leaves_a_mark_of_its_last_renewal()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        try
        {
            Directory.CreateDirectory(data);
            // Never stopped: what a host killed at 15:00:12 leaves is its renewal at 15:00:10.
            using var mark = new RunningMark(data, clock, NullLogger<RunningMark>.Instance);
            await mark.StartAsync(Ct);
            for (var second = 0; second < 12; second++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.Equal(Start.AddSeconds(10), RunningMark.Read(data).LastRunning);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_host_stopped_leaves_a_mark_of_when_it_stopped()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        try
        {
            Directory.CreateDirectory(data);
            using var mark = new RunningMark(data, clock, NullLogger<RunningMark>.Instance);
            await mark.StartAsync(Ct);
            clock.Advance(TimeSpan.FromSeconds(13));
            await mark.StopAsync(Ct);
            clock.Advance(TimeSpan.FromMinutes(1));

            Assert.Equal(Start.AddSeconds(13), RunningMark.Read(data).LastRunning);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public void A_folder_with_no_mark_or_an_unreadable_one_knows_no_previous_run()
    {
        var data = DataFolder.New();
        try
        {
            Directory.CreateDirectory(data);
            Assert.Null(RunningMark.Read(data).LastRunning);
            File.WriteAllText(Path.Combine(data, RunningMark.FileName), "15:00");
            Assert.Null(RunningMark.Read(data).LastRunning);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }
}
