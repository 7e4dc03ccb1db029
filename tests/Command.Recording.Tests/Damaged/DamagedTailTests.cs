using System.Text;
using System.Text.Json;
using Command.Domain.Events;
using Command.Recording.AfterAction;
using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Damaged;

/// <summary>
/// A whole line damaged past what the session's manifest indexes (the manifest lags the segments by a few seconds) ends
/// what is read at the last good line before it, and the session says so: before, the whole session was unreadable, and
/// the after-action team had no replay and no report of a drill that was all there up to a few seconds from its end.
/// </summary>
public sealed class DamagedTailTests
{
    private const string Segment = "segment-000001.jsonl";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_damaged_past_its_manifest_is_read_up_to_the_last_good_line_and_says_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamagePastManifestAsync(drill);
        var lastGood = drill.Recorded[number - 2];

        var reader = await drill.OpenAsync();

        Assert.Equal(lastGood.Sequence, reader.Manifest.LastSequence);
        Assert.Equal(number - 1, reader.Manifest.EventCount);
        Assert.Equal(drill.Recorded.Take(number - 1).Max(e => e.Time), reader.Manifest.LastTime);
        Assert.Equal(new RecordingDamage(Segment, at, Said(at)), reader.Damage);
        Assert.Equal(drill.Recorded.Take(number - 1).Select(e => e.Sequence), await reader.ReadAsync(cancellationToken: Ct).Select(e => e.Sequence).ToListAsync(Ct));
        var timeline = await reader.ReadTimelineWithNamesAsync(Ct);
        Assert.Equal(reader.Damage, timeline.Damage);
        Assert.Equal((lastGood.Sequence, lastGood.Time), (timeline.LastSequence, timeline.LastTime));
    }

    [Fact]
    public async Task A_session_damaged_past_its_manifest_is_listed_with_its_figures_up_to_there_and_where_it_is_damaged()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamagePastManifestAsync(drill);

        var summary = Assert.Single(await new SessionCatalogue(drill.Store, TimeProvider.System).ListAsync(Ct).ToListAsync(Ct));

        Assert.Null(summary.Unreadable);
        Assert.Equal(Said(at), summary.Damaged);
        Assert.Equal(number - 1, summary.EventCount);
    }

    [Fact]
    public async Task The_report_of_a_session_damaged_past_its_manifest_covers_it_up_to_there_and_says_the_rest_is_damaged()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (_, at) = await DamagePastManifestAsync(drill);

        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        using var csv = new MemoryStream();
        await AfterActionExport.WriteCsvAsync(report, csv, AfterActionTable.Incident, Ct);
        using var html = new MemoryStream();
        await AfterActionExport.WriteHtmlAsync(report, html, Ct);

        Assert.Equal(Said(at), report.Incident.RecordingDamaged);
        Assert.NotEmpty(report.Units);
        Assert.EndsWith($"recording_damaged,\"{Said(at)}\"", Encoding.UTF8.GetString(csv.ToArray()).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"<b>Damaged recording:</b> {System.Net.WebUtility.HtmlEncode(Said(at))}. Every figure below covers the recording up to there.", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_of_a_session_damaged_past_its_manifest_plays_to_the_last_good_line_and_says_the_rest_is_damaged()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamagePastManifestAsync(drill);
        var lastGood = drill.Recorded[number - 2];
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(60));

        var frame = await replay.AdvanceAsync(Ct);

        Assert.True(replay.AtEnd);
        Assert.Equal(lastGood.Time, replay.End);
        Assert.Equal(lastGood.Time, frame.Position);
        Assert.Equal(lastGood.Sequence, replay.Projection.LastSequence);
        Assert.Null(replay.Unreadable);
        Assert.Equal(Said(at), replay.Damaged);
        await replay.SeekAsync(Drill.T0.AddSeconds(5), Ct);
        Assert.Equal(Drill.T0.AddSeconds(5), replay.Position);
    }

    [Fact]
    public async Task An_incident_recording_on_after_the_damage_carries_on_from_the_last_good_line_and_is_read_past_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamagePastManifestAsync(drill);
        var again = drill.Recorded.Skip(number - 1).Take(5).ToList();
        var root = TestRecording.TempFolder();
        await using (var log = TestRecording.Log(drill.Store, TestRecording.Options(root)))
        {
            await log.AppendAsync(RecordedDrill.IncidentId, again, Ct);
        }

        var reader = await drill.OpenAsync();

        Assert.Equal(["segment-000001.jsonl", "segment-000002.jsonl"], reader.Manifest.Segments.Select(s => s.Name));
        Assert.Equal(drill.Recorded.Take(number - 1).Concat(again).Select(e => e.Sequence), await reader.ReadAsync(cancellationToken: Ct).Select(e => e.Sequence).ToListAsync(Ct));
        Assert.Equal(new RecordingDamage(Segment, at, Said(at)), reader.Damage);
    }

    [Fact]
    public async Task A_segment_that_does_not_carry_on_from_the_last_good_line_is_left_out_and_said()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamagePastManifestAsync(drill);
        var folder = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId);
        var lines = (await File.ReadAllTextAsync(Path.Combine(folder, Segment), Ct)).Split('\n');
        await File.WriteAllTextAsync(Path.Combine(folder, "segment-000002.jsonl"), string.Join('\n', lines.Skip(number + 2)), Ct);

        var reader = await drill.OpenAsync();

        Assert.Equal([Segment], reader.Manifest.Segments.Select(s => s.Name));
        Assert.Equal(drill.Recorded[number - 2].Sequence, reader.Manifest.LastSequence);
        Assert.Equal(Said(at) + ", and so is all recorded after it", reader.Damage?.Said);
    }

    [Fact]
    public async Task A_session_damaged_from_its_first_line_on_cannot_be_read_and_says_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 10, snapshotEvery: 0);
        var folder = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId);
        File.Delete(Path.Combine(folder, "manifest.json"));
        var path = Path.Combine(folder, Segment);
        var text = await File.ReadAllTextAsync(path, Ct);
        await File.WriteAllTextAsync(path, new string('#', text.IndexOf('\n', StringComparison.Ordinal)) + text[text.IndexOf('\n', StringComparison.Ordinal)..], Ct);

        var ex = await Assert.ThrowsAsync<RecordingUnreadableException>(drill.OpenAsync);

        Assert.Equal(RecordedDrill.IncidentId, ex.IncidentId);
        Assert.Equal(
            $"the recording of 'drill-1' is read up to line 1 of {Segment}, at byte 0, which is not an event (JsonException: '#' is an invalid start of a value. (byte 0 of the line)): the rest of the recording from there is damaged and left out",
            ex.Message);
    }

    [Fact]
    public async Task What_is_said_of_a_damaged_line_quotes_at_most_80_characters_of_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var garbage = new string('x', 500);
        var (_, at) = await DamagePastManifestAsync(drill, line => $"{{\"type\":\"{garbage}\"}}");

        var reader = await drill.OpenAsync();

        Assert.Equal(
            $"the recording of 'drill-1' is read up to the line at byte {at} of {Segment}, which is not an event (JsonException: Read unrecognized type discriminator id '{garbage[..80]}…'. (byte {garbage.Length + 11} of the line)): the rest of the recording from there is damaged and left out",
            reader.Damage?.Said);
    }

    private static string Said(long at) =>
        $"the recording of 'drill-1' is read up to the line at byte {at} of {Segment}, which is not an event (JsonException: '#' is an invalid start of a value. (byte 0 of the line)): the rest of the recording from there is damaged and left out";

    // The manifest as a writer left it some seconds before the end (it indexes the first 40 lines), and a whole line a few
    // past that made garbage of its own length (or what `damage` makes of it); returns that line's number and the byte it
    // starts at.
    private static async Task<(int Number, long At)> DamagePastManifestAsync(RecordedDrill drill, Func<string, string>? damage = null)
    {
        const int indexed = 40;
        var folder = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId);
        var path = Path.Combine(folder, Segment);
        var lines = (await File.ReadAllTextAsync(path, Ct)).Split('\n');
        var number = indexed + 5;
        Assert.True(lines.Length > number + 10);
        lines[number - 1] = damage?.Invoke(lines[number - 1]) ?? new string('#', lines[number - 1].Length);
        await File.WriteAllTextAsync(path, string.Join('\n', lines), Ct);

        var length = lines.Take(indexed).Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1);
        var kept = drill.Recorded.Take(indexed).ToList();
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(manifestPath, Ct), RecordingJsonContext.Default.SessionManifest)!;
        var entry = new SegmentEntry(Segment, kept[0].Sequence, kept[^1].Sequence, kept.Min(e => e.Time), kept.Max(e => e.Time), length, 1, indexed);
        var lagging = manifest with
        {
            LastSequence = entry.LastSequence, LastTime = entry.LastTime, EventCount = indexed, Segments = [entry],
        };
        Assert.Single(manifest.Segments);
        await File.WriteAllBytesAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(lagging, RecordingJsonContext.Default.SessionManifest), Ct);
        return (number, lines.Take(number - 1).Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1));
    }
}
