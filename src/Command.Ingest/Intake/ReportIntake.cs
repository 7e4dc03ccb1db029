using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// The one door every source comes through: parsed input is screened, refused input is counted, logged and
/// recorded with its raw text, and the rest goes to the incident, which applies the checks that need the
/// unit's history. A unit bound to a device credential takes positions from that credential alone, whichever
/// path they came by.
/// </summary>
public sealed class ReportIntake(
    IIncidentPort incidents, IntakeMetrics metrics, RejectionLog log, TimeProvider clock, ValidationOptions options, IUnitBindings? bindings = null, DeviceClocks? deviceClocks = null)
{
    private readonly IUnitBindings bindings = bindings ?? new NoUnitBindings();
    private readonly DeviceClocks deviceClocks = deviceClocks ?? new DeviceClocks(options);
    private readonly DeviceBacklogs backlogs = new();
    // A device's backlog is screened as any report is, but for its age: it is old because its device held it.
    private readonly ValidationOptions backlogScreen = options with { MaxAge = options.MaxBacklogAge };

    /// <summary>
    /// Screens a batch for one incident and submits what passes; <paramref name="sender"/> is the credential it came with
    /// (null for radios, which carry none). Reports the incident could not be asked about, or could not record, are
    /// counted lost (<see cref="IIncidentPort.NotHanded"/>, <see cref="IIncidentPort.NotRecorded"/>) unless
    /// <paramref name="triedAgain"/>: its caller hands the batch over again, and counts them only once it gives up.
    /// </summary>
    public async Task<IntakeOutcome> SubmitAsync(
        string incidentId, IReadOnlyList<IncomingReport> batch, UnknownUnitPolicy unknownUnits, CancellationToken cancellationToken, ReportSender? sender = null,
        bool triedAgain = false)
    {
        try
        {
            return await ScreenAndSubmitAsync(incidentId, batch, unknownUnits, sender, triedAgain, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The incident could not be asked: the sender is told, and the host learns what was lost.
            if (!triedAgain)
            {
                incidents.NotHanded(incidentId, batch.Count(i => i is { Rejection: null, Report: not null }), ex);
            }

            throw;
        }
    }

    private async Task<IntakeOutcome> ScreenAndSubmitAsync(
        string incidentId, IReadOnlyList<IncomingReport> batch, UnknownUnitPolicy unknownUnits, ReportSender? sender, bool triedAgain, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rejected = new List<ItemRejection>();
        var refused = new List<InputRejected>();
        var passed = new List<PositionReport>(batch.Count);
        var passedIndex = new List<int>(batch.Count);
        // Reports refused earlier for their time, taken now that their device's clock is learned: before the report
        // that taught it, and answered to no one (their senders were answered when they came).
        const int Released = -1;
        await RecallClocksAsync(incidentId, batch, sender, now, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            // Timed as this host's clock would have timed it where its device's clock is known to be off; only a
            // report its sender may make for its unit teaches what that device's clock is.
            var rejection = item.Rejection
                ?? (item.Report is { } sent ? Permission(sent.UnitId, sender) : new Rejection(RejectReason.Malformed, "no report was parsed"));
            var screened = rejection is null;
            var timed = screened ? deviceClocks.Retime(item.Report!, now) : item.Report;
            rejection ??= ReportScreen.Check(timed!, now, options);
            if (rejection is null)
            {
                // Fixes its device held while it could not send, refused as too old as they came: taken before it.
                var offset = deviceClocks.OffsetOf(timed!.UnitId);
                foreach (var held in backlogs.Before(timed.UnitId, timed.FixTime, now, offset))
                {
                    var late = DeviceClocks.PutRight(held, offset);
                    if (ReportScreen.Check(late, now, backlogScreen) is null)
                    {
                        passed.Add(late);
                        passedIndex.Add(Released);
                    }
                }

                foreach (var late in deviceClocks.Release(timed.UnitId, timed.FixTime))
                {
                    if (ReportScreen.Check(late, now, options) is null)
                    {
                        passed.Add(late);
                        passedIndex.Add(Released);
                    }
                }

                passed.Add(timed);
                passedIndex.Add(i);
                continue;
            }

            if (screened)
            {
                // Refused by the clock its device is taken to keep: where for its time, kept, to be taken once that clock is learned.
                KeepUntimely(item.Report!, rejection, now);
            }

            var unitId = (item.Report?.UnitId ?? item.UnitId) is { } named ? RawInput.CapId(named) : null;
            rejected.Add(new ItemRejection(i, unitId, rejection));
            // Recorded against no unit where its sender may not report for the one it named (the refusal names it): any
            // device's credential could otherwise write refusals on any unit's row and into its ICS-214 log.
            refused.Add(new InputRejected(item.Source, rejection.Reason, rejection.Detail, rejection.Reason == RejectReason.UnitNotPermitted ? null : unitId, item.Raw) { Time = now });
            Count(item.Source, rejection);
        }

        if (passed.Count == 0 && await incidents.TakesAsync(incidentId, cancellationToken).ConfigureAwait(false) is { } incident)
        {
            // Nothing of it reaches an incident that takes nothing: its items' own faults are not the first thing to mend.
            // An empty batch is asked about too: answered as taken, a sender probing with one would think the incident there.
            return new IntakeOutcome(0, rejected, incident);
        }

        if (passed.Count == 0 && refused.Count == 0)
        {
            return new IntakeOutcome(0, rejected);
        }

        var results = await incidents.SubmitAsync(incidentId, passed, refused, unknownUnits, cancellationToken).ConfigureAwait(false);
        if (!triedAgain && results.FirstOrDefault(r => r?.Reason == RejectReason.Unavailable) is { } unrecorded)
        {
            incidents.NotRecorded(incidentId, results.Count(r => r?.Reason == RejectReason.Unavailable), unrecorded.Detail);
        }

        var (accepted, released) = (0, 0);
        for (var j = 0; j < results.Count; j++)
        {
            if (results[j] is { } later)
            {
                var report = passed[j];
                if (passedIndex[j] != Released)
                {
                    rejected.Add(new ItemRejection(passedIndex[j], report.UnitId, later));
                    KeepUntimely(batch[passedIndex[j]].Report!, later, now);
                }

                Count(report.Source, later);
            }
            else if (passedIndex[j] == Released)
            {
                released++;
            }
            else
            {
                accepted++;
            }
        }

        if (accepted + released > 0)
        {
            metrics.Accepted(passed[0].Source, accepted + released);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IntakeOutcome(accepted, rejected);
    }

    // The clocks an incident found the devices of this batch keep, for those this host does not follow yet (it started
    // again, or the device reached it from another host): one call for the batch, none once each device is followed.
    private async Task RecallClocksAsync(string incidentId, IReadOnlyList<IncomingReport> batch, ReportSender? sender, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<string, ReportSource>? unheard = null;
        foreach (var item in batch)
        {
            if (item is { Rejection: null, Report: { } report } && Permission(report.UnitId, sender) is null && !deviceClocks.Knows(report.UnitId))
            {
                (unheard ??= new(StringComparer.Ordinal)).TryAdd(report.UnitId, report.Source);
            }
        }

        if (unheard is null)
        {
            return;
        }

        foreach (var latest in await incidents.ClockCorrectedFixesAsync(incidentId, [.. unheard.Keys], cancellationToken).ConfigureAwait(false))
        {
            if (unheard.TryGetValue(latest.UnitId, out var source))
            {
                deviceClocks.Recall(latest, source, now);
            }
        }
    }

    /// <summary>
    /// Null when incident <paramref name="incidentId"/> takes reports now; else why not (it does not exist, was closed, or
    /// cannot record now). Asked for a body refused whole, so a sender is told first of a close no mended body gets past.
    /// </summary>
    public Task<Rejection?> TakesAsync(string incidentId, CancellationToken cancellationToken) => incidents.TakesAsync(incidentId, cancellationToken);

    /// <summary>
    /// Whether a threat marker may move the threat now: its time is checked as a unit's fix time is (future-fix,
    /// too-old, with the same limits), and a marker whose own stale time has passed when it arrives is too old as well.
    /// Null when it may; <paramref name="markedAt"/> is the marker's time, null when unknown, by the clock of the device
    /// reporting for unit <paramref name="device"/> where given (see <see cref="DeviceClocks"/>).
    /// </summary>
    public Rejection? ScreenMarker(Threat threat, DateTimeOffset? markedAt, string? device = null)
    {
        var now = clock.GetUtcNow();
        if (markedAt is { } time && ReportScreen.FixTime(Timed(time, device), now, options) is { } untimely)
        {
            return untimely;
        }

        return threat.StaleAfter is { } stale && stale <= now
            ? new Rejection(RejectReason.TooOld, FormattableString.Invariant(
                $"marker went stale at {stale.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFF'Z'}, {(now - stale).TotalSeconds:F0} s before it arrived"))
            : null;
    }

    /// <summary>
    /// Why a unit's alert is not taken: its unit takes positions only from a device it is bound to (as the unit's own
    /// reports from elsewhere are refused), or it is too old or too far ahead, by the time it was sent, as a fix's time
    /// is, by its device's clock; null when it is taken.
    /// </summary>
    public Rejection? ScreenAlert(UnitAlert alert, DateTimeOffset? sentAt) =>
        Permission(alert.UnitId, null)
        ?? (sentAt is { } time && ReportScreen.FixTime(Timed(time, alert.UnitId), clock.GetUtcNow(), options) is { } untimely ? untimely : null);

    /// <summary>
    /// Why a unit's sign-off is not taken: its unit takes positions only from a device it is bound to (its time is
    /// checked as any deletion's is, <see cref="ScreenDeletion"/>).
    /// </summary>
    public Rejection? ScreenSignOff(string unitId) => Permission(unitId, null);

    /// <summary>
    /// Why a marker's deletion is not taken: it was sent too long ago, or too far ahead, as a fix's time is checked, by
    /// the clock of the device reporting for unit <paramref name="device"/> where given.
    /// </summary>
    public Rejection? ScreenDeletion(DateTimeOffset? sentAt, string? device = null) =>
        sentAt is { } time && ReportScreen.FixTime(Timed(time, device), clock.GetUtcNow(), options) is { } untimely ? untimely : null;

    // A time a device sent, as this host's clock would have stamped it where that device's clock is known to be off.
    private DateTimeOffset Timed(DateTimeOffset time, string? device) => device is null ? time : time + deviceClocks.OffsetOf(device);

    /// <summary>
    /// The credential unit <paramref name="unitId"/> takes positions from alone (a device token's actor, "token:sim-dev"),
    /// whose reports for it are the only ones taken; null when it is bound to none.
    /// </summary>
    public string? BoundTo(string unitId) => bindings.BoundTo(unitId);

    private Rejection? Permission(string unitId, ReportSender? sender)
    {
        if (sender?.Units is { } units && !units.Contains(unitId))
        {
            return new Rejection(RejectReason.UnitNotPermitted, $"{sender.Actor} may report only for the units it is bound to; '{unitId}' is not one of them");
        }

        return BoundTo(unitId) is { } bound && bound != sender?.Actor
            ? new Rejection(RejectReason.UnitBoundToDevice, $"unit '{unitId}' takes positions only from {bound}")
            : null;
    }

    // A report refused for its time (ahead of this host's clock, too old, or older than the latest its incident took) is
    // kept as it was sent: its device's clock may be what is wrong, and a run of its reports may soon say so.
    private void KeepUntimely(PositionReport sent, Rejection rejection, DateTimeOffset receivedAt)
    {
        if (rejection.Reason is RejectReason.FutureFix or RejectReason.TooOld or RejectReason.OutOfOrder)
        {
            deviceClocks.Refused(sent, receivedAt);
        }

        if (rejection.Reason is RejectReason.TooOld)
        {
            backlogs.TooOld(sent, receivedAt);
        }
    }

    private void Count(ReportSource source, Rejection rejection)
    {
        // Logged before it is counted: whoever sees the count move finds its line already written.
        log.Rejected(source, rejection);
        metrics.Rejected(source, rejection.Reason);
    }
}
