using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Grains.Incidents;

namespace Command.Host.Hosting;

/// <summary>
/// Counts, for each incident, what this host handed it that was refused because the incident could not record: its
/// storage did not answer, or it could not write or read its recording. Whatever asked — a radio's report, a phone's,
/// a commander's acknowledgement — was told so at once; this keeps the count so that the incident, once it records
/// again, is told of the hole in its record (<see cref="RecordingInterrupted"/>, by <see cref="RecordingHoleRecorder"/>).
/// It watches every call this host makes to an incident, wherever in the host it is made. It also says when the
/// cluster's storage last failed to answer, for <c>/health</c>.
/// </summary>
public sealed class RecordingHoles(TimeProvider clock) : IOutgoingGrainCallFilter
{
    // The calls that carry input: reports, and the commands people and drills give. Reads, and hosts' own tellings, are
    // not input lost.
    private static readonly HashSet<string> Commands =
    [
        nameof(IIncidentGrain.Open), nameof(IIncidentGrain.Close), nameof(IIncidentGrain.SetThreat), nameof(IIncidentGrain.SetThreatPhase),
        nameof(IIncidentGrain.DeleteMarker), nameof(IIncidentGrain.Enrol), nameof(IIncidentGrain.ChangeRole), nameof(IIncidentGrain.EnrolAll),
        nameof(IIncidentGrain.SetSite), nameof(IIncidentGrain.Alarm), nameof(IIncidentGrain.SignOff), nameof(IIncidentGrain.SendInstead),
        nameof(IIncidentGrain.Acknowledge), nameof(IIncidentGrain.RecordDrill), nameof(IIncidentGrain.SetExercise),
    ];

    private readonly Lock gate = new();
    private readonly Dictionary<string, Hole> holes = new(StringComparer.Ordinal);
    private (DateTimeOffset At, string Said)? storageFailed;

    /// <summary>When the cluster's storage last did not answer a call this host made, and what it said; null where it never has.</summary>
    public (DateTimeOffset At, string Said)? StorageLastFailed
    {
        get
        {
            lock (gate)
            {
                return storageFailed;
            }
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Reports are counted where they are handed over (GrainIncidentPort), for a batch may be lost before it is submitted.
        var command = context.InterfaceMethod?.DeclaringType == typeof(IIncidentGrain) && Commands.Contains(context.MethodName);
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            Failed(command ? context.TargetId.Key.ToString() : null, 0, command ? 1 : 0, ex);
            throw;
        }

        if (command && context.Result is Rejection { Reason: RejectReason.Unavailable } unrecorded)
        {
            // The incident answered, but could not record the command.
            Unrecorded(context.TargetId.Key.ToString()!, 0, 1, unrecorded.Detail);
        }
    }

    /// <summary>
    /// A call to an incident (<paramref name="incidentId"/>, null for any other grain) failed: where the cluster's storage
    /// did not answer, its reports and commands are counted refused, and the storage's failure is noted.
    /// </summary>
    public void Failed(string? incidentId, int reports, int commands, Exception failure)
    {
        if (StorageUnreachable.Find(failure) is null)
        {
            return;
        }

        var said = StorageUnreachable.Cause(failure);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            storageFailed = (now, said);
        }

        if (incidentId is not null && reports + commands > 0)
        {
            Refused(incidentId, now, reports, commands, said, storage: true);
        }
    }

    /// <summary>The incident answered that it could not record <paramref name="reports"/> reports and <paramref name="commands"/> commands, saying <paramref name="why"/>.</summary>
    public void Unrecorded(string incidentId, int reports, int commands, string why)
    {
        if (reports + commands > 0)
        {
            Refused(incidentId, clock.GetUtcNow(), reports, commands, why, storage: false);
        }
    }

    /// <summary>
    /// Takes the holes no refusal has widened for <paramref name="quiet"/>: the incident may record again, and is to be
    /// told. A hole that could not be told is handed back (<see cref="Return"/>).
    /// </summary>
    public IReadOnlyList<(string IncidentId, RecordingInterrupted Hole)> TakeQuietFor(TimeSpan quiet)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var due = holes.Where(h => now - h.Value.Until >= quiet).Select(h => (h.Key, h.Value.Told())).ToList();
            foreach (var (incident, _) in due)
            {
                holes.Remove(incident);
            }

            return due;
        }
    }

    /// <summary>Hands back a hole that could not be told, joined with any refusals counted since it was taken.</summary>
    public void Return(string incidentId, RecordingInterrupted hole)
    {
        lock (gate)
        {
            var back = new Hole(hole.From, hole.Until, hole.Reports, hole.Commands, hole.Detail)
            {
                StorageSaid = hole.Detail?.StartsWith(StorageUnreachable.DidNotAnswer, StringComparison.Ordinal) == true,
            };
            if (holes.TryGetValue(incidentId, out var since))
            {
                back.Widen(since.From, since.Reports, since.Commands);
                back.Widen(since.Until, 0, 0);
                if (since.StorageSaid && !back.StorageSaid)
                {
                    back.Said(since.Told().Detail, storage: true);
                }
            }

            holes[incidentId] = back;
        }
    }

    // A hole says why as the first refusal in it did, or as the storage did where a later one found it away: "cannot
    // record now (RequestFailedException)", an incident's own word when its write failed, says less.
    private void Refused(string incidentId, DateTimeOffset at, int reports, int commands, string? why, bool storage)
    {
        lock (gate)
        {
            if (holes.TryGetValue(incidentId, out var hole))
            {
                hole.Widen(at, reports, commands);
                if (storage && !hole.StorageSaid)
                {
                    hole.Said(Cause(why), storage);
                }
            }
            else
            {
                holes[incidentId] = new Hole(at, at, reports, commands, Cause(why)) { StorageSaid = storage };
            }
        }
    }

    // "incident 'x' cannot record now (IOException)", as the incident said it: its first line, without the advice its
    // caller was given, short enough to record (the storage's own word comes as StorageUnreachable.Cause gives it).
    private static string? Cause(string? said)
    {
        if (said is null)
        {
            return null;
        }

        var cause = said.Split('\n', 2)[0];
        foreach (var advice in new[] { "; try again", "; send it again" })
        {
            cause = cause.Split(advice, 2)[0];
        }

        cause = new string([.. cause.Where(c => !char.IsControl(c))]).Trim();
        return cause.Length > 200 ? cause[..200] + "…" : cause;
    }

    private sealed class Hole(DateTimeOffset from, DateTimeOffset until, int reports, int commands, string? detail)
    {
        private string? detail = detail;

        /// <summary>Whether its detail is the storage's own word.</summary>
        public bool StorageSaid { get; set; }

        public DateTimeOffset From { get; private set; } = from;

        public DateTimeOffset Until { get; private set; } = until;

        public int Reports { get; private set; } = reports;

        public int Commands { get; private set; } = commands;

        public void Widen(DateTimeOffset at, int reports, int commands)
        {
            From = at < From ? at : From;
            Until = at > Until ? at : Until;
            Reports += reports;
            Commands += commands;
        }

        public void Said(string? why, bool storage) => (detail, StorageSaid) = (why, storage);

        public RecordingInterrupted Told() => new(string.Empty, From, Until, Reports, Commands, detail);
    }
}
