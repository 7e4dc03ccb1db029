using System.Text;
using System.Text.Json;
using Command.Recording.AfterAction;
using Command.Recording.Layout;
using Command.Recording.Reading;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Damaged;

/// <summary>
/// A line longer than any event can be (a file of garbage with no line breaks, a huge value pasted in by hand) is said
/// for what it is once it passes the longest a line may be, where it starts, rather than read whole into memory: a
/// 200 MB line took half a gigabyte of the host at every listing of sessions, and one past 2 GB could not be read at all.
/// </summary>
public sealed class LongLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_line_longer_than_the_longest_a_line_may_be_is_refused_saying_where_it_starts()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\n" + new string('x', 5000) + "\n");
        using var stream = new MemoryStream(bytes);
        var lines = new LineReader(stream, 0, maxLineBytes: 1024);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await lines.ReadLineAsync(Ct))!.Value.Span));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await lines.ReadLineAsync(Ct));

        Assert.Equal("the line at byte 8 runs past 1,024 bytes, longer than any event is", ex.Message);
    }

    [Fact]
    public async Task A_line_with_no_end_is_refused_having_read_no_more_than_one_byte_past_the_longest_a_line_may_be()
    {
        // A power of two, as the real cap is: doubling from the first buffer lands on it exactly, with no room for its '\n'.
        const int max = 1 << 20;
        var stream = new EndlessLine();
        var lines = new LineReader(stream, 0, maxLineBytes: max);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await lines.ReadLineAsync(Ct));

        // Doubling alone read (and held) twice the cap before refusing: 128 MB of host memory for a 64 MiB cap.
        Assert.Equal(max + 1L, stream.BytesRead);
    }

    [Fact]
    public async Task A_line_of_exactly_the_longest_a_line_may_be_is_read()
    {
        const int max = 1 << 20;
        using var stream = new MemoryStream([.. Enumerable.Repeat((byte)'x', max), (byte)'\n', .. "{}\n"u8.ToArray()]);
        var lines = new LineReader(stream, 0, maxLineBytes: max);

        Assert.Equal(max, (await lines.ReadLineAsync(Ct))!.Value.Length);
        Assert.Equal("{}", Encoding.UTF8.GetString((await lines.ReadLineAsync(Ct))!.Value.Span));
    }

    [Fact]
    public async Task A_session_with_a_line_longer_than_any_event_past_its_manifest_is_read_up_to_there_saying_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 10, snapshotEvery: 0);
        var path = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId, "segment-000001.jsonl");
        var at = new FileInfo(path).Length;
        await using (var file = new FileStream(path, FileMode.Append))
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
            for (var i = 0; i <= LineReader.MaxLineBytes >> 20; i++)
            {
                await file.WriteAsync(chunk, Ct);
            }

            file.WriteByte((byte)'\n');
        }

        var reader = await drill.OpenAsync();

        Assert.Equal(drill.Recorded[^1].Sequence, reader.Manifest.LastSequence);
        Assert.Equal(
            $"the recording of 'drill-1' is read up to byte {at} of segment-000001.jsonl (InvalidDataException: the line at byte {at} of segment-000001.jsonl runs past 67,108,864 bytes, longer than any event is): the rest of the recording from there is damaged and left out",
            reader.Damage?.Said);
    }

    [Fact]
    public async Task A_report_of_a_session_with_a_line_longer_than_any_event_inside_its_manifest_covers_the_recording_up_to_it_and_says_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 10, snapshotEvery: 0);
        var at = await IndexLongLineAsync(drill, after: 20);

        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        // It answered 503 for the whole report, of a drill all there up to the line.
        Assert.Equal(20, report.Incident.EventCount);
        Assert.Equal(Said(at), report.Incident.RecordingDamaged);
    }

    [Fact]
    public async Task The_timeline_of_a_session_with_a_line_longer_than_any_event_inside_its_manifest_ends_at_the_last_event_before_it()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 10, snapshotEvery: 0);
        var at = await IndexLongLineAsync(drill, after: 20);
        var lastGood = drill.Recorded[19];

        var timeline = await (await drill.OpenAsync()).ReadTimelineWithNamesAsync(Ct);

        Assert.Equal(Said(at), timeline.Damage?.Said);
        Assert.Equal((lastGood.Sequence, lastGood.Time), (timeline.LastSequence, timeline.LastTime));
    }

    [Fact]
    public async Task A_replay_reading_a_line_longer_than_any_event_inside_its_manifest_says_the_recording_cannot_be_read_and_where()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 10, snapshotEvery: 0);
        var at = await IndexLongLineAsync(drill, after: 20);
        var reader = await drill.OpenAsync();
        var read = 0;

        var ex = await Assert.ThrowsAsync<RecordingUnreadableException>(async () =>
        {
            await foreach (var _ in reader.ReadAsync(cancellationToken: Ct))
            {
                read++;
            }
        });

        Assert.Equal(20, read);
        Assert.Equal(
            $"the recording of 'drill-1' cannot be read (InvalidDataException: the line at byte {at} of segment-000001.jsonl runs past 67,108,864 bytes, longer than any event is)",
            ex.Message);
    }

    private static string Said(long at) =>
        $"the recording of 'drill-1' is read up to byte {at} of segment-000001.jsonl (InvalidDataException: the line at byte {at} of segment-000001.jsonl runs past 67,108,864 bytes, longer than any event is): the rest of the recording from there is damaged and left out";

    // Puts a line one byte longer than the longest a line may be after the `after`th line of the session's segment, and has
    // its manifest index the segment as it is then (a line pasted in by hand, a copy that went wrong before its manifest was
    // written); the byte it starts at.
    private static async Task<long> IndexLongLineAsync(RecordedDrill drill, int after)
    {
        var folder = Path.Combine(drill.Store.Root, RecordedDrill.IncidentId);
        var path = Path.Combine(folder, "segment-000001.jsonl");
        var lines = (await File.ReadAllBytesAsync(path, Ct)).AsMemory();
        var at = 0;
        for (var i = 0; i < after; i++)
        {
            at += lines.Span[at..].IndexOf((byte)'\n') + 1;
        }

        await using (var file = new FileStream(path, FileMode.Create))
        {
            await file.WriteAsync(lines[..at], Ct);
            await file.WriteAsync(Enumerable.Repeat((byte)'x', LineReader.MaxLineBytes + 1).Append((byte)'\n').ToArray(), Ct);
            await file.WriteAsync(lines[at..], Ct);
        }

        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(manifestPath, Ct), RecordingJsonContext.Default.SessionManifest)!;
        manifest = manifest with { Segments = [manifest.Segments.Single() with { Length = new FileInfo(path).Length }] };
        await File.WriteAllBytesAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, RecordingJsonContext.Default.SessionManifest), Ct);
        Assert.Null((await drill.OpenAsync()).Damage);
        return at;
    }

    // A line that never ends (a file of garbage with no line breaks), counting what was read of it.
    private sealed class EndlessLine : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
