namespace Command.Domain.Views;

/// <summary>
/// How frames are paced, configured once (section "Frames") for every place that sends them: the incident to the
/// hosts watching it, a host to each browser, and a replay to its viewers.
/// </summary>
public sealed record FramePacing
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Frames";

    /// <summary>
    /// One frame per this interval on average, everywhere. Default 100 ms (ten frames a second). A change after a
    /// quiet spell goes out at once; changes within an interval of the last frame go out together.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Frames an incident may send early, ahead of the average of one per interval. Default 2: reports that come at
    /// the frame rate itself (radios reporting ten times a second) arrive with jitter, and with less slack a run of
    /// early ones left every frame after them waiting for most of an interval.
    /// </summary>
    public int IncidentSlack { get; init; } = 2;

    /// <summary>
    /// Frames a browser may get early. Default 3: its frames come from an incident that already paces them, so they
    /// arrive at that same rate with the jitter of the way there; with one frame of slack, two late-then-early pairs
    /// in a row held a frame back for most of an interval. The average stays one per interval.
    /// </summary>
    public int ViewerSlack { get; init; } = 3;

    /// <summary>
    /// How long a change that only the clock brought about (a unit ageing or going stale, a hold running past its
    /// grace) may wait for a frame that is going out anyway. Default 300 ms: a frame of its own would put the frames
    /// out of step with the reports, and reports after it would wait for their turn.
    /// </summary>
    public TimeSpan ClockOnlyDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// When nothing else went out for this long, a watched incident sends an empty frame, so a view can tell a quiet
    /// incident from one it no longer hears (its host died, its incident moved). Default 2 s.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(2);

    public static FramePacing Default { get; } = new();

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem() =>
        Interval <= TimeSpan.Zero ? "Frames:Interval must be positive"
        : IncidentSlack < 0 || ViewerSlack < 0 ? "Frames:IncidentSlack and Frames:ViewerSlack must be zero or more"
        : ClockOnlyDelay < TimeSpan.Zero ? "Frames:ClockOnlyDelay must be zero or more"
        : Heartbeat < Interval ? "Frames:Heartbeat must be at least Frames:Interval"
        : null;
}
