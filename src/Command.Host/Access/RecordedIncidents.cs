using System.Globalization;

namespace Command.Host.Access;

/// <summary>
/// A closed incident is a recording: what it showed (its last picture on the live board, its timeline) is for those who
/// may watch replays (<see cref="Rights.WatchReplays"/>), whatever page asks. One wording for every refusal of it.
/// </summary>
public static class RecordedIncidents
{
    /// <summary>"incident 'x' was closed at 19:51:14 UTC and is a recording now".</summary>
    public static string Closed(string incidentId, DateTimeOffset closedAt) =>
        $"incident '{incidentId}' was closed at {closedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC and is a recording now";
}
