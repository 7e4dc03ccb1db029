namespace Command.Grains.Incidents;

/// <summary>How an incident grain paces its outputs.</summary>
public sealed class IncidentGrainOptions
{
    /// <summary>
    /// Shortest gap between two frames to observers. Default 100 ms (at most 10 frames/s). A change after a quiet
    /// spell goes out at once; changes within this long of the last frame go out together when it has passed.
    /// </summary>
    public TimeSpan FrameInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Frames that may go out early, ahead of the average of one per interval. Default 2: reports that come at
    /// the frame rate itself (radios reporting ten times a second) arrive with jitter, and with less slack a run of
    /// early ones left every frame after them waiting for most of an interval.
    /// </summary>
    public int FrameSlack { get; set; } = 2;

    /// <summary>
    /// How long a change that only the clock brought about (a unit ageing or going stale, a hold running past its
    /// grace) may wait for a frame that is going out anyway. Default 300 ms: a frame of its own would put the frames
    /// out of step with the reports, and reports after it would wait for their turn.
    /// </summary>
    public TimeSpan ClockOnlyFrameDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the incident clock ticks with no report, so silent units age. Default 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an incident with no input (report, command) and no one watching keeps its clock ticking before it
    /// goes quiet: it stops recording ticks and deactivates, and the next input or viewer brings it back as its
    /// recording left it. Default 15 minutes of incident time.
    /// </summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a keyframe is written to the recording, in event time. Default 30 s.</summary>
    public TimeSpan KeyframeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often changed state is written to grain storage between commands. Default 10 s.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a unit grain is told its latest fix (the first fix at once). Default 5 s of incident time.</summary>
    public TimeSpan UnitSyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Write state when the silo shuts down. Default true; pointless (and noisy) when grain storage is in memory
    /// and goes down with the silo, so the host turns it off then.
    /// </summary>
    public bool PersistOnShutdown { get; set; } = true;

    /// <summary>An observer that has not renewed for this long is dropped. Default 2 minutes.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(2);
}
