using System.Text;
using System.Text.RegularExpressions;
using Command.Recording.AfterAction;
using Command.Recording.Reading;
using Command.Recording.Replay;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Command.Recording.Tests.Damaged;

/// <summary>
/// A line of a session damaged in place (edited by hand, a bad sector) is said for what it is, where it is: the session,
/// its segment, the line's number and its byte, so whoever opens the file finds it; never an empty 500 from the
/// report's quick read of positions.
/// </summary>
public sealed class DamagedLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_position_line_edited_by_hand_leaves_the_report_covering_the_recording_up_to_it_and_saying_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var (number, at) = await DamageAsync(drill, "position-accepted", line => line.Replace("\"isValid\":true", "\"isValid\":ttue", StringComparison.Ordinal), after: 20);

        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        using var html = new MemoryStream();
        await AfterActionExport.WriteHtmlAsync(report, html, Ct);

        Assert.Equal(number - 1, report.Incident.EventCount);
        Assert.NotEmpty(report.Units);
        Assert.Matches(
            $"^the recording of 'drill-1' is read up to line {number} of segment-000001\\.jsonl, at byte {at}, which is not an event \\(JsonException: 'ttue[^']*' is an invalid JSON literal\\. Expected the literal 'true'\\. \\(byte [0-9]+ of the line\\)\\): the rest of the recording from there is damaged and left out$",
            report.Incident.RecordingDamaged);
        Assert.Contains($"<b>Damaged recording:</b> {System.Net.WebUtility.HtmlEncode(report.Incident.RecordingDamaged)}. Every figure below covers the recording up to there.", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_position_line_whose_latitude_was_made_text_leaves_the_report_covering_the_recording_up_to_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var (number, at) = await DamageAsync(drill, "position-accepted", line => Regex.Replace(line, "\"latitude\":([-0-9.]+)", m => $"\"latitude\":\"{new string('x', m.Groups[1].Length - 2)}\""));

        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        Assert.Equal(number - 1, report.Incident.EventCount);
        Assert.StartsWith($"the recording of 'drill-1' is read up to line {number} of segment-000001.jsonl, at byte {at}, which is not an event (JsonException: ", report.Incident.RecordingDamaged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_of_a_session_damaged_from_its_first_line_says_the_recording_cannot_be_read_and_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var path = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl");
        var lines = (await File.ReadAllTextAsync(path, Ct)).Split('\n');
        lines[0] = new string('#', lines[0].Length);
        await File.WriteAllTextAsync(path, string.Join('\n', lines), Ct);

        var ex = await Assert.ThrowsAsync<RecordingUnreadableException>(async () => await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct));

        Assert.Equal(RecordedDrill.IncidentId, ex.IncidentId);
        Assert.Equal(
            "the recording of 'drill-1' is read up to line 1 of segment-000001.jsonl, at byte 0, which is not an event (JsonException: '#' is an invalid start of a value. (byte 0 of the line)): the rest of the recording from there is damaged and left out",
            ex.Message);
    }

    [Fact]
    public async Task A_line_of_garbage_read_in_replay_is_said_with_its_segment_line_and_byte()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        var (number, at) = await DamageAsync(drill, "position-accepted", line => new string('#', line.Length));
        var reader = await drill.OpenAsync();
        var read = 0;

        var ex = await Assert.ThrowsAsync<RecordingUnreadableException>(async () =>
        {
            await foreach (var _ in reader.ReadAsync(cancellationToken: Ct))
            {
                read++;
            }
        });

        Assert.Equal(number - 1, read);
        Assert.StartsWith($"the recording of 'drill-1' cannot be read (JsonException: line {number} of segment-000001.jsonl, at byte {at}, is not an event: '#' is an invalid start of a value. (byte 0 of the line))", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_of_a_session_with_a_line_of_garbage_ends_at_the_last_event_before_it_and_says_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, at) = await DamageAsync(drill, "position-accepted", line => new string('#', line.Length), after: 60);
        var lastGood = drill.Recorded[number - 2];

        var timeline = await (await drill.OpenAsync()).ReadTimelineWithNamesAsync(Ct);

        Assert.Equal(
            $"the recording of 'drill-1' is read up to line {number} of segment-000001.jsonl, at byte {at}, which is not an event (JsonException: '#' is an invalid start of a value. (byte 0 of the line)): the rest of the recording from there is damaged and left out",
            timeline.Damage?.Said);
        Assert.Equal((lastGood.Sequence, lastGood.Time), (timeline.LastSequence, timeline.LastTime));
        Assert.NotEmpty(timeline.Events);
        Assert.All(timeline.Events, e => Assert.True(e.Sequence <= lastGood.Sequence));
    }

    [Theory]
    [InlineData("position-accepted", "position-acceptex", 60)]
    [InlineData("position-accepted", "xosition-accepted", 60)]
    [InlineData("send-instead-proposed", "send-instead-proposex", 2)]
    public async Task The_timeline_of_a_session_with_a_line_of_json_that_is_no_event_ends_where_its_report_and_replay_do(string type, string damagedType, int after)
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, _) = await DamageAsync(drill, type, line => line.Replace($"\"type\":\"{type}\"", $"\"type\":\"{damagedType}\"", StringComparison.Ordinal), after);
        var lastGood = drill.Recorded[number - 2];

        var timeline = await (await drill.OpenAsync()).ReadTimelineWithNamesAsync(Ct);
        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        // Whole JSON with a sequence and a time passed the timeline's quick check: it ran on to the end of a recording its
        // replay and its report stop in.
        Assert.NotNull(report.Incident.RecordingDamaged);
        Assert.Equal(report.Incident.RecordingDamaged, timeline.Damage?.Said);
        Assert.Equal((lastGood.Sequence, lastGood.Time), (timeline.LastSequence, timeline.LastTime));
    }

    [Fact]
    public async Task The_timeline_of_a_whole_session_says_no_damage_and_ends_at_its_last_event()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);

        var timeline = await (await drill.OpenAsync()).ReadTimelineWithNamesAsync(Ct);

        Assert.Null(timeline.Damage);
        Assert.Equal((drill.Recorded[^1].Sequence, drill.Recorded[^1].Time), (timeline.LastSequence, timeline.LastTime));
    }

    [Fact]
    public async Task A_replay_playing_into_a_damaged_line_stops_at_the_last_event_before_it_and_says_why_when_played_or_sought_past_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var (number, _) = await DamageAsync(drill, "position-accepted", line => new string('#', line.Length), after: 60);
        var lastGood = drill.Recorded[number - 2];
        var clock = new FakeTimeProvider(Drill.T0);
        await using var replay = await ReplaySession.OpenAsync(await drill.OpenAsync(), clock, cancellationToken: Ct);
        replay.Play();
        clock.Advance(TimeSpan.FromSeconds(60));

        var frame = await replay.AdvanceAsync(Ct);

        // Paused where the good events end, what it shows folded to there, not playing on over a picture that stood still.
        Assert.True(replay.IsPaused);
        Assert.Equal(lastGood.Time, frame.Position);
        Assert.Equal(lastGood.Time, replay.Projection.Clock);
        Assert.Equal(lastGood.Sequence, replay.Projection.LastSequence);
        Assert.StartsWith($"the recording of 'drill-1' cannot be read (JsonException: line {number} of segment-000001.jsonl, at byte ", replay.Unreadable, StringComparison.Ordinal);
        var played = Assert.Throws<RecordingUnreadableException>(replay.Play);
        Assert.Equal(replay.Unreadable, played.Message);
        Assert.True(replay.IsPaused);

        // Sought back, it plays up to there again; sought past it, it shows the last good instant and says why.
        await replay.SeekAsync(Drill.T0.AddSeconds(5), Ct);
        Assert.Equal(Drill.T0.AddSeconds(5), replay.Position);
        var sought = await Assert.ThrowsAsync<RecordingUnreadableException>(() => replay.SeekAsync(Drill.T0.AddSeconds(59), Ct));
        Assert.Equal(replay.Unreadable, sought.Message);
        Assert.Equal(lastGood.Time, replay.Position);
        Assert.Equal(lastGood.Sequence, replay.Projection.LastSequence);
    }

    [Fact]
    public async Task A_session_copied_without_its_snapshots_replays_and_seeks_from_its_segments_as_one_with_them()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 20);
        var whole = await drill.OpenAsync();
        Assert.NotEmpty(whole.Manifest.Snapshots);
        await using var intact = await ReplaySession.OpenAsync(whole, new FakeTimeProvider(), cancellationToken: Ct);
        await intact.SeekAsync(Drill.T0.AddSeconds(45), Ct);

        Directory.Delete(Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "keyframes"), recursive: true);
        var copied = await drill.OpenAsync();
        await using var replay = await ReplaySession.OpenAsync(copied, new FakeTimeProvider(), cancellationToken: Ct);
        await replay.SeekAsync(Drill.T0.AddSeconds(45), Ct);

        Assert.Equal(intact.Projection.LastSequence, replay.Projection.LastSequence);
        Assert.Equal(intact.Projection.Clock, replay.Projection.Clock);
        Assert.False(await copied.RecordsCloseAsync(Ct));
    }

    // The first line past the `after`th whose type starts with `type` (its 1-based number and byte offset) as `damage` makes it, no longer or
    // shorter than it was, so the manifest still indexes the segment whole.
    private static async Task<(int Number, long At)> DamageAsync(RecordedDrill drill, string type, Func<string, string> damage, int after = 2)
    {
        var path = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl");
        var lines = (await File.ReadAllTextAsync(path, Ct)).Split('\n');
        var index = Array.FindIndex(lines, after, l => l.StartsWith($"{{\"type\":\"{type}", StringComparison.Ordinal));
        Assert.True(index > 2);
        var damaged = damage(lines[index]);
        Assert.NotEqual(lines[index], damaged);
        Assert.Equal(lines[index].Length, damaged.Length);
        lines[index] = damaged;
        await File.WriteAllTextAsync(path, string.Join('\n', lines), Ct);
        return (index + 1, lines.Take(index).Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1));
    }
}
