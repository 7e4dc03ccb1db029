using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Tests.Azurite;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Blob;

/// <summary>
/// One writer per session: when an incident moves to another host, the new host's writer takes the session over
/// (breaking the old one's leases), and the old writer's appends fail instead of corrupting the recording.
/// </summary>
public sealed class FencingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_that_lost_its_session_to_another_host_cannot_append_and_the_recording_stays_whole()
    {
        var store = await azurite.NewStoreAsync();
        await using var first = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder()));
        await using var second = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder()));
        await first.AppendAsync("moving", Events.Ticks(1, 10), Ct);

        // The incident activates on the second host: it catches up on the recording and goes on from there.
        var tail = await second.ReadTailAsync("moving", 0, Ct);
        await second.AppendAsync("moving", Events.Ticks(11, 10), Ct);
        var stale = await Assert.ThrowsAsync<SessionOwnershipLostException>(async () => await first.AppendAsync("moving", Events.Ticks(11, 5), Ct));
        await second.AppendAsync("moving", Events.Ticks(21, 5), Ct);
        await second.FlushAsync(Ct);

        var reader = await SessionReader.OpenAsync(store, "moving", Ct);
        Assert.Equal(Events.Range(1, 10), tail.Events.Select(e => e.Sequence));
        Assert.Contains("Another writer holds", stale.Message, StringComparison.Ordinal);
        Assert.Equal(Events.Range(1, 25), await Events.SequencesAsync(reader));
        Assert.Equal(2, reader.Manifest.Segments.Length);
        Assert.Equal(25, reader.Manifest.LastSequence);
    }

    [Fact]
    public async Task An_incident_that_comes_back_to_a_host_writes_at_the_sessions_real_end()
    {
        var store = await azurite.NewStoreAsync();
        await using var home = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder()));
        await using var away = TestRecording.Log(store, TestRecording.Options(TestRecording.TempFolder()));
        await home.AppendAsync("roaming", Events.Ticks(1, 3), Ct);
        await away.ReadTailAsync("roaming", 0, Ct);
        await away.AppendAsync("roaming", Events.Ticks(4, 3), Ct);

        // Back home: its catch-up drops the writer it kept, so the next append opens the session where it really ends.
        var tail = await home.ReadTailAsync("roaming", 3, Ct);
        await home.AppendAsync("roaming", Events.Ticks(7, 3), Ct);
        await home.FlushAsync(Ct);

        Assert.Equal(Events.Range(4, 6), tail.Events.Select(e => e.Sequence));
        Assert.Equal(Events.Range(1, 9), await Events.SequencesAsync(await SessionReader.OpenAsync(store, "roaming", Ct)));
    }
}
