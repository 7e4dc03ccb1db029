using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Compatibility;

/// <summary>
/// A session recorded by the build before streams carried a schema version (see Fixtures/README.md): it must keep
/// reading and replaying exactly as it was recorded, whatever the stream does with sessions of today's schema.
/// </summary>
public sealed class OldRecordingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SessionReader> OpenAsync() => SessionReader.OpenAsync(
        new DiskSessionStore(Path.Combine(AppContext.BaseDirectory, "Fixtures", "v1-demo")), "demo", Ct);

    [Fact]
    public async Task A_session_recorded_before_schema_versions_refolds_to_the_same_bytes()
    {
        var recorded = await (await OpenAsync()).ReadAsync(cancellationToken: Ct).ToListAsync(Ct);
        var stream = new IncidentStream();
        var folded = new List<IncidentEvent>();
        foreach (var e in recorded)
        {
            stream.Replay(e, folded);
        }

        Assert.Equal(IncidentSchema.RecordedTicks, stream.Projection.Schema);
        Assert.Contains(recorded, e => e is FlagEscalated);
        Assert.Contains(recorded, e => e is ClockTicked);
        Assert.Equal(recorded.Select(EventJson.Serialize), folded.Select(EventJson.Serialize));
    }

    [Fact]
    public async Task Replaying_it_at_sixty_times_raises_the_flags_it_recorded_and_seeks_through_its_snapshots()
    {
        var reader = await OpenAsync();
        var recordedFlags = (await reader.ReadAsync(cancellationToken: Ct).ToListAsync(Ct)).Where(e => e.IsDerived).Select(EventJson.Serialize).ToList();
        var clock = new FakeTimeProvider(reader.Manifest.FirstTime!.Value);
        await using var replay = await ReplaySession.OpenAsync(reader, clock, cancellationToken: Ct);
        replay.SetSpeed(ReplaySession.MaxSpeed);
        replay.Play();
        var replayed = new List<IncidentEvent>();
        while (!replay.AtEnd)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            replayed.AddRange((await replay.AdvanceAsync(Ct)).Applied);
        }

        Assert.Equal(recordedFlags, replayed.Where(e => e.IsDerived).Select(EventJson.Serialize));

        // Every stored snapshot, restored and folded on, reaches the state a fold from the start reaches.
        foreach (var entry in reader.Manifest.Snapshots)
        {
            var viaSnapshot = await StateAtAsync(reader, entry.Time.AddSeconds(7));
            var fromStart = new IncidentStream();
            await foreach (var e in reader.ReadAsync(cancellationToken: Ct))
            {
                if (e.Time <= entry.Time.AddSeconds(7))
                {
                    fromStart.Replay(e);
                }
            }

            Assert.Equal(fromStart.Projection.AssessAll(), viaSnapshot.Projection.AssessAll());
        }
    }

    private static async Task<IncidentStream> StateAtAsync(SessionReader reader, DateTimeOffset instant)
    {
        await using var replay = await ReplaySession.OpenAsync(reader, new FakeTimeProvider(), at: instant, cancellationToken: Ct);
        return replay.Stream;
    }
}
