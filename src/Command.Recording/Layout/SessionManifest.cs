using System.Collections.Immutable;

namespace Command.Recording.Layout;

/// <summary>
/// The index of one recorded session, stored as <c>{incidentId}/manifest.json</c>. It may lag the segments by the
/// last few batches (it is rewritten on segment roll, snapshot, flush and at most every
/// <see cref="Hosting.RecordingOptions.ManifestInterval"/>); readers take the segments' real lengths as the truth.
/// </summary>
/// <param name="FormatVersion">Layout version; <see cref="CurrentVersion"/> for everything written by this code.</param>
/// <param name="IncidentId">The incident, also the session's folder name.</param>
/// <param name="Name">The incident's name from its <c>incident-opened</c> event ("" until that is recorded).</param>
/// <param name="FirstSequence">Sequence of the first recorded event (0 when empty).</param>
/// <param name="LastSequence">Sequence of the last event the manifest knows of.</param>
/// <param name="FirstTime">Earliest event time recorded.</param>
/// <param name="LastTime">Latest event time recorded.</param>
/// <param name="EventCount">Events the manifest knows of.</param>
/// <param name="Segments">Segments in order.</param>
/// <param name="Snapshots">Snapshots stored with the session, in sequence order (the format's <c>keyframes</c>).</param>
public sealed record SessionManifest(
    int FormatVersion,
    string IncidentId,
    string Name,
    long FirstSequence,
    long LastSequence,
    DateTimeOffset? FirstTime,
    DateTimeOffset? LastTime,
    long EventCount,
    ImmutableArray<SegmentEntry> Segments,
    [property: System.Text.Json.Serialization.JsonPropertyName("keyframes")] ImmutableArray<SnapshotEntry> Snapshots)
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>An empty session's manifest.</summary>
    public static SessionManifest Empty(string incidentId) => new(CurrentVersion, incidentId, "", 0, 0, null, null, 0, [], []);
}

/// <summary>One segment: a JSON-lines file or append blob holding a run of consecutive events.</summary>
/// <param name="Name">File name inside the session folder, <c>segment-000001.jsonl</c>.</param>
/// <param name="FirstSequence">First event's sequence.</param>
/// <param name="LastSequence">Last event's sequence.</param>
/// <param name="FirstTime">Earliest event time in the segment.</param>
/// <param name="LastTime">Latest event time in the segment.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Blocks">Appends (append-blob blocks) it took.</param>
/// <param name="EventCount">Events in the segment.</param>
public sealed record SegmentEntry(
    string Name,
    long FirstSequence,
    long LastSequence,
    DateTimeOffset FirstTime,
    DateTimeOffset LastTime,
    long Length,
    int Blocks,
    long EventCount);

/// <summary>A snapshot: the folded state after <paramref name="Sequence"/>, and where the next event starts.</summary>
/// <param name="Sequence">Last event folded into the snapshot.</param>
/// <param name="Time">The projection's clock at that point.</param>
/// <param name="Segment">Segment holding the next event.</param>
/// <param name="Offset">Byte offset of the next event in <paramref name="Segment"/> (may equal its length: then the next segment's start).</param>
public sealed record SnapshotEntry(long Sequence, DateTimeOffset Time, string Segment, long Offset);
