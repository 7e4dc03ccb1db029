using System.Text;
using Command.Recording.AfterAction;
using Command.Recording.Reading;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Damaged;

/// <summary>
/// The list of sessions marks a recording damaged within what its manifest indexes, as its report says it, and reads each
/// recording line by line only once: a later listing reads on from where the one before stopped.
/// </summary>
public sealed class DamagedSessionListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_with_a_damaged_line_inside_its_manifest_is_listed_damaged_as_its_report_says_it_with_its_figures_up_to_there()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var number = await DamageAsync(drill, after: 60);
        var lastGood = drill.Recorded[number - 2];
        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        var listed = Assert.Single(await new SessionCatalogue(drill.Store, new FakeTimeProvider()).ListAsync(Ct).ToListAsync(Ct));

        // Listed whole, the damage was learned only from the report.
        Assert.NotNull(report.Incident.RecordingDamaged);
        Assert.Equal(report.Incident.RecordingDamaged, listed.Damaged);
        Assert.Null(listed.Unreadable);
        Assert.Equal((number - 1L, (DateTimeOffset?)lastGood.Time), (listed.EventCount, listed.LastTime));
    }

    [Fact]
    public async Task A_whole_session_is_listed_whole_with_its_manifests_figures()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);

        var listed = Assert.Single(await new SessionCatalogue(drill.Store, new FakeTimeProvider()).ListAsync(Ct).ToListAsync(Ct));

        Assert.Null(listed.Damaged);
        Assert.Equal((drill.Recorded.Count, (DateTimeOffset?)drill.Recorded[^1].Time), (listed.EventCount, listed.LastTime));
    }

    [Fact]
    public async Task A_later_listing_reads_only_what_was_recorded_since_the_one_before()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var store = new ReadLog(drill.Store);
        var catalogue = new SessionCatalogue(store, new FakeTimeProvider());
        await catalogue.ListAsync(Ct).ToListAsync(Ct);
        var length = new FileInfo(Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl")).Length;
        Assert.Contains(("drill-1/segment-000001.jsonl", 0L), store.Reads);
        store.Reads.Clear();

        await catalogue.ListAsync(Ct).ToListAsync(Ct);

        Assert.All(store.Reads, read => Assert.Equal(("drill-1/segment-000001.jsonl", length), read));
    }

    [Fact]
    public async Task A_session_whose_manifest_has_no_segment_stored_is_listed_by_its_manifest_and_the_others_with_it()
    {
        // A manifest stored where no segment is (its segments not stored yet, or gone): the check of what the manifest
        // indexes looked into a first segment there is none of, and listing every session failed on it, and so did
        // opening any replay.
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        File.Delete(Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl"));

        var listed = Assert.Single(await new SessionCatalogue(drill.Store, new FakeTimeProvider()).ListAsync(Ct).ToListAsync(Ct));

        Assert.Equal(RecordedDrill.IncidentId, listed.IncidentId);
        Assert.Null(listed.Damaged);
    }

    [Fact]
    public async Task Finding_one_session_reads_that_session_alone()
    {
        // Opening a replay or a report asked the whole list for its one session, and the list reads each recording
        // line by line the first time on a host: every session listed before it was read whole.
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var store = new ReadLog(drill.Store);
        var catalogue = new SessionCatalogue(store, new FakeTimeProvider());

        var (absent, present) = (await catalogue.ExistsAsync("other-1", Ct), await catalogue.ExistsAsync(RecordedDrill.IncidentId, Ct));
        Assert.Empty(store.Reads);
        var found = await catalogue.FindAsync(RecordedDrill.IncidentId, Ct);
        var notFound = await catalogue.FindAsync("other-1", Ct);

        Assert.Equal((false, true), (absent, present));
        Assert.Equal((RecordedDrill.IncidentId, (long)drill.Recorded.Count), (found!.IncidentId, found.EventCount));
        Assert.Null(notFound);
    }

    [Fact]
    public async Task A_listing_past_what_it_reads_at_once_lists_a_session_checking_by_its_manifest_and_a_later_one_says_what_was_found()
    {
        // The first listing on a host read every recording whole before it answered: 40 one-hour drills took 21 s.
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var number = await DamageAsync(drill, after: 60);
        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        using var catalogue = new SessionCatalogue(drill.Store, new FakeTimeProvider(), readAtOnce: 0);

        var first = Assert.Single(await catalogue.ListAsync(Ct).ToListAsync(Ct));
        var check = catalogue.Checks.Running(RecordedDrill.IncidentId);
        Assert.NotNull(check);
        await check;
        var later = Assert.Single(await catalogue.ListAsync(Ct).ToListAsync(Ct));

        Assert.Equal((true, (string?)null, (long)drill.Recorded.Count), (first.Checking, first.Damaged, first.EventCount));
        Assert.Equal((false, report.Incident.RecordingDamaged, number - 1L), (later.Checking, later.Damaged, later.EventCount));
    }

    [Fact]
    public async Task A_check_apart_from_a_listing_that_fails_is_logged_as_it_fails()
    {
        // Said only by the next listing, a check that failed was told to nobody where nobody listed the sessions again.
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var store = new ReadLog(drill.Store) { Fails = read => read.Path.EndsWith(".jsonl", StringComparison.Ordinal) && read.Offset == 0 };
        var log = new LineLogger<SessionCatalogue>();
        using var catalogue = new SessionCatalogue(store, new FakeTimeProvider(), readAtOnce: 0, log);
        Assert.True(Assert.Single(await catalogue.ListAsync(Ct).ToListAsync(Ct)).Checking);
        var check = catalogue.Checks.Running(RecordedDrill.IncidentId);
        Assert.NotNull(check);

        Assert.Null(await check);

        var said = Assert.Single(log.Lines);
        Assert.Contains($"The recording of session {RecordedDrill.IncidentId} could not be read for damage", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_that_fails_leaves_the_session_listed_as_not_checked_logged_once_and_tried_again_later()
    {
        // The next listing failed as the check had (500: no session could be replayed), and each listing after it that
        // started the check again logged it again.
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var broken = true;
        var store = new ReadLog(drill.Store) { Fails = read => broken && read.Path.EndsWith(".jsonl", StringComparison.Ordinal) && read.Offset == 0 };
        var log = new LineLogger<SessionCatalogue>();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));
        using var catalogue = new SessionCatalogue(store, clock, readAtOnce: 0, log);
        async Task<SessionSummary> ListedAsync() => Assert.Single(await catalogue.ListAsync(Ct).ToListAsync(Ct));
        Assert.True((await ListedAsync()).Checking);
        Assert.Null(await catalogue.Checks.Running(RecordedDrill.IncidentId)!);

        var failed = await ListedAsync();
        var again = await ListedAsync();

        Assert.Equal((false, null, (long)drill.Recorded.Count), (failed.Checking, failed.Unreadable, failed.EventCount));
        Assert.Equal(
            $"its recording could not be read for damage ({RecordedDrill.IncidentId}/segment-000001.jsonl could not be read at 0); it is listed as its manifest indexes it, and read again from 18:00:10 UTC",
            failed.NotChecked);
        // Not tried again before its time, and said once.
        Assert.Equal(failed, again);
        Assert.Null(catalogue.Checks.Running(RecordedDrill.IncidentId));
        Assert.Single(log.Lines);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await ListedAsync()).Checking);
        Assert.Null(await catalogue.Checks.Running(RecordedDrill.IncidentId)!);
        // Failing as before, it waits twice as long, and is not logged again.
        Assert.EndsWith("read again from 18:00:30 UTC", (await ListedAsync()).NotChecked, StringComparison.Ordinal);
        Assert.Single(log.Lines);

        broken = false;
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await ListedAsync()).Checking);
        Assert.NotNull(await catalogue.Checks.Running(RecordedDrill.IncidentId)!);
        var read = await ListedAsync();
        Assert.Equal((false, null, null), (read.Checking, read.NotChecked, read.Damaged));
    }

    [Theory]
    [InlineData("drill-2/manifest.json", "IOException: drill-2/manifest.json could not be read")]
    [InlineData("drill-2/", "IOException: the objects of drill-2 could not be listed")]
    public async Task A_session_whose_store_fails_to_read_it_is_listed_unreadable_saying_why_and_the_others_with_it(string failing, string said)
    {
        // Its manifest or list of segments not read (a disk that failed, storage that did not answer), the listing answered
        // 500, and no other session could be replayed or compared.
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        CopyAsSecond(drill);
        var broken = true;
        var store = new ReadLog(drill.Store) { FailsWhole = path => broken && path == failing };
        var log = new LineLogger<SessionCatalogue>();
        using var catalogue = new SessionCatalogue(store, new FakeTimeProvider(), log);

        var listed = (await catalogue.ListAsync(Ct).ToListAsync(Ct)).ToDictionary(s => s.IncidentId);
        var again = (await catalogue.ListAsync(Ct).ToListAsync(Ct)).Single(s => s.IncidentId == "drill-2");

        Assert.Equal((null, (long)drill.Recorded.Count), (listed[RecordedDrill.IncidentId].Unreadable, listed[RecordedDrill.IncidentId].EventCount));
        Assert.Equal(
            new SessionSummary("drill-2", "", null, null, 0, 0, $"the recording of 'drill-2' could not be read from its store ({said}); the next listing reads it again"),
            listed["drill-2"]);
        Assert.Equal(listed["drill-2"], again);
        // Said once, not at every listing.
        Assert.Contains("The recording of session drill-2 could not be read from its store", Assert.Single(log.Lines), StringComparison.Ordinal);

        broken = false;
        var read = (await catalogue.ListAsync(Ct).ToListAsync(Ct)).Single(s => s.IncidentId == "drill-2");
        Assert.Equal((null, (long)drill.Recorded.Count), (read.Unreadable, read.EventCount));
    }

    [Fact]
    public async Task A_listing_within_what_it_reads_at_once_says_what_was_found_at_once()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        await DamageAsync(drill, after: 60);
        var bytes = new FileInfo(Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl")).Length;
        using var catalogue = new SessionCatalogue(drill.Store, new FakeTimeProvider(), readAtOnce: bytes);

        var listed = Assert.Single(await catalogue.ListAsync(Ct).ToListAsync(Ct));

        Assert.False(listed.Checking);
        Assert.NotNull(listed.Damaged);
        Assert.Null(catalogue.Checks.Running(RecordedDrill.IncidentId));
    }

    [Fact]
    public async Task What_was_read_of_a_session_deleted_since_is_forgotten_at_the_next_listing()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        using var catalogue = new SessionCatalogue(drill.Store, new FakeTimeProvider());
        await catalogue.ListAsync(Ct).ToListAsync(Ct);
        Assert.Equal([RecordedDrill.IncidentId], catalogue.Checks.Remembered);

        await drill.Store.DeleteSessionAsync(RecordedDrill.IncidentId, Ct);
        Assert.Empty(await catalogue.ListAsync(Ct).ToListAsync(Ct));

        Assert.Empty(catalogue.Checks.Remembered);
    }

    // The drill recorded again as session drill-2 beside it.
    private static void CopyAsSecond(RecordedDrill drill)
    {
        var (from, to) = (Path.Combine(drill.Store.Root, RecordedDrill.IncidentId), Path.Combine(drill.Store.Root, "drill-2"));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        var manifest = Path.Combine(to, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"{RecordedDrill.IncidentId}\"", "\"drill-2\"", StringComparison.Ordinal));
    }

    // Makes the first position line past the `after`th a line of garbage as long as it was, so the manifest still indexes
    // the segment whole; its 1-based number.
    private static async Task<int> DamageAsync(RecordedDrill drill, int after)
    {
        var path = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl");
        var lines = (await File.ReadAllTextAsync(path, Ct)).Split('\n');
        var index = Array.FindIndex(lines, after, l => l.StartsWith("{\"type\":\"position-accepted", StringComparison.Ordinal));
        lines[index] = new string('#', Encoding.UTF8.GetByteCount(lines[index]));
        await File.WriteAllTextAsync(path, string.Join('\n', lines), Ct);
        return index + 1;
    }
}
