namespace Command.Grains.Incidents;

/// <summary>
/// The last instant this host's previous run was known to be running, on the incidents' clock, as the host found it on
/// starting; none on a first run or where it keeps no such mark. An incident quiet before its host stopped recorded
/// nothing meanwhile, so the stop is dated from this when it is later than the incident's last recorded event: the
/// host heard, and would have recorded, whatever was sent until then (see <see cref="Domain.Events.IncidentResumed"/>).
/// </summary>
/// <param name="LastRunning">When the previous run was last known running.</param>
public sealed record PreviousRun(DateTimeOffset? LastRunning)
{
    /// <summary>No previous run known.</summary>
    public static PreviousRun None { get; } = new((DateTimeOffset?)null);

    /// <summary>
    /// When an incident whose last recorded event is at <paramref name="recordedUntil"/> stopped running: the later of it
    /// and <see cref="LastRunning"/>, never past <paramref name="now"/>.
    /// </summary>
    public DateTimeOffset StoppedAt(DateTimeOffset recordedUntil, DateTimeOffset now)
    {
        var stopped = LastRunning is { } running && running > recordedUntil ? running : recordedUntil;
        return stopped < now ? stopped : now;
    }
}
