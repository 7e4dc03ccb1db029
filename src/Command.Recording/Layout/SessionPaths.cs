using System.Globalization;

namespace Command.Recording.Layout;

/// <summary>Names of a session's objects; the same on disk and in blob storage.</summary>
public static class SessionPaths
{
    /// <summary>Name of the manifest object in a session folder.</summary>
    public const string ManifestName = "manifest.json";

    public static string Manifest(string incidentId) => $"{incidentId}/{ManifestName}";

    public static string SegmentName(int number) => string.Create(CultureInfo.InvariantCulture, $"segment-{number:D6}.jsonl");

    /// <summary>The session's annotation stream (evaluator notes and ratings), beside its segments.</summary>
    public static string Annotations(string incidentId) => $"{incidentId}/annotations.jsonl";

    public static string Segment(string incidentId, string segmentName) => $"{incidentId}/{segmentName}";

    public static string Snapshot(string incidentId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{incidentId}/keyframes/{sequence:D12}.json");

    /// <summary>The number in a segment name, or null when the name is not a segment's.</summary>
    public static int? SegmentNumber(string name) =>
        name.StartsWith("segment-", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(8, name.Length - 14), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// Incident ids become folder and blob names, so only letters, digits, '-', '_' and '.' are allowed (not leading '.').
    /// </summary>
    public static bool IsValidIncidentId(string incidentId) =>
        incidentId.Length is > 0 and <= 128 && incidentId[0] != '.'
        && incidentId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string Require(string incidentId) => IsValidIncidentId(incidentId)
        ? incidentId
        : throw new ArgumentException($"'{incidentId}' is not a valid incident id for a recording folder.", nameof(incidentId));
}
