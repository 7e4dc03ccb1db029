using Command.Ingest.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// Drains the queue in batches (whatever is waiting, up to <see cref="IngestOptions.MaxBatch"/>) and hands each
/// incident its reports in one intake call, so a high message rate does not become one grain call per message.
/// A report goes to the incident its unit is enrolled in, or else to its listener's. Order is kept: a threat waits
/// for the reports queued before it. A delivery that fails (an incident moving, or briefly unable to answer) is
/// tried again a few times before what it carried is counted as lost; a refusal that will not change (an unknown
/// incident) is not tried again. So is a unit's route that cannot be looked up (its grain on a host that died, before
/// the cluster moves it): tried again, then the input it routed counted as lost. Nothing one input or one batch does
/// stops the pump: a host whose pump stopped would stop itself, and take every radio it hears down with it. At
/// shutdown, after the listeners have stopped, what is queued is still delivered.
/// </summary>
public sealed partial class IngestPump(
    IngestQueue queue, ReportIntake intake, IIncidentPort incidents, IUnitRoutes routes, IntakeMetrics metrics, RejectionLog rejections, TimeProvider clock, IngestOptions options,
    IngestSources sources, ILogger<IngestPump> logger)
    : BackgroundService
{
    /// <summary>Who the recording says sent what a source delivered without naming a sender.</summary>
    public const string UnnamedActor = "ingest";

    /// <summary>Who the recording says deleted a CoT marker whose deletion names no device.</summary>
    public const string CotActor = "cot";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Deliveries under way are not cut off when the host stops, only once the drain's time is up.
        using var delivering = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        await using var deadline = stoppingToken.Register(() => delivering.CancelAfter(options.ShutdownDrainTimeout));
        try
        {
            await PumpAsync(stoppingToken, delivering.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the listeners have stopped; what they queued goes out before the incidents do.
        }

        try
        {
            await DrainAsync(delivering.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (delivering.IsCancellationRequested)
        {
            LogNotDrained(logger, queue.Count, options.ShutdownDrainTimeout);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var batch = new List<IngestItem>(options.MaxBatch);
        while (queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
            if (batch.Count == options.MaxBatch)
            {
                await DeliverWhateverAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await DeliverWhateverAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task PumpAsync(CancellationToken stoppingToken, CancellationToken deliveryToken)
    {
        var reader = queue.Reader;
        var batch = new List<IngestItem>(options.MaxBatch);
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            while (batch.Count < options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await DeliverWhateverAsync(batch, deliveryToken).ConfigureAwait(false);
            batch.Clear();
        }
    }

    // The pump's last guard: a batch that fails in a way no step of its delivery expected is counted as lost, and the
    // pump goes on with the next.
    private async Task DeliverWhateverAsync(List<IngestItem> batch, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var item in batch)
            {
                metrics.Lost(item.Report?.Source ?? Domain.Reports.ReportSource.CoT, 1);
            }

            LogBatchLost(logger, batch.Count, e);
        }
    }

    private async Task DeliverAsync(List<IngestItem> batch, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>>();
        foreach (var item in batch)
        {
            try
            {
                await PendAsync(item, pending, cancellationToken).ConfigureAwait(false);
            }
            catch (UnroutableException e)
            {
                // Its unit's route could not be looked up: it goes nowhere rather than to an incident it is not in.
                metrics.Lost(item.Report?.Source ?? Domain.Reports.ReportSource.CoT, 1);
                LogNotRouted(logger, e.Device, e.Attempts, e.InnerException);
            }
        }

        await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    // One input: queued for its incident's next submission in the order it came, or (a threat, an alert, a sign-off, a
    // marker deleted) handed over after what came before it.
    private async Task PendAsync(IngestItem item, Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>> pending, CancellationToken cancellationToken)
    {
        if (item.Report is { } report)
        {
            var unitId = report.Report?.UnitId ?? report.UnitId ?? item.RoutedBy;
            var incident = await IncidentOfDeviceAsync(unitId, item.Incident, cancellationToken, report.Report?.Position).ConfigureAwait(false);
            if (report.Report is { } fix && WaitsElsewhere(pending, fix.UnitId, incident))
            {
                // A unit enrolled nowhere whose earlier report of this batch went to another incident (it stood on that
                // one's site): that report is taken first, and may enrol it, and this one is routed as it would be after
                // it. Both waiting, the incident first in the batch took the unit, whichever of its reports came first.
                await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                incident = await IncidentOfDeviceAsync(unitId, item.Incident, cancellationToken, fix.Position).ConfigureAwait(false);
            }

            if (item.Source is { } source && report.Report is not null && incident != item.Incident)
            {
                // A unit enrolled elsewhere reports through this source: that incident hears of the source's outages too.
                sources.Fed(source, incident);
            }

            // Which source it came through, as the incident records it: the after-action report says a unit went unheard
            // while that source was down.
            Pend(pending, (incident, item.UnknownUnits), item.Source is { } via && report.Report is { } taken ? report with { Report = taken with { Via = via } } : report);
        }
        else if (item.Threat is { } threat)
        {
            // The threat of the incident whose unit dropped the marker: an officer's marker in one drill moved the
            // threat of the listener's, hundreds of kilometres off its ground. What is refused (a stale marker, one
            // the incident will not take) is recorded there with its raw text, after whatever came before it.
            var incident = await IncidentOfDeviceAsync(item.PlacedFrom, item.Incident, cancellationToken, threat.Position).ConfigureAwait(false);
            var refused = intake.ScreenMarker(threat, item.MarkedAt, item.PlacedFrom);
            if (refused is null)
            {
                await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                refused = await SetThreatAsync(incident, threat, item.Actor ?? UnnamedActor, cancellationToken).ConfigureAwait(false);
                if (refused is { Reason: Domain.Validation.RejectReason.Duplicate })
                {
                    // The marker sent again as the threat stands (ATAK broadcasts its markers every minute or so): nothing
                    // new, and nothing refused. Recorded as a refusal, a feed would grow a line a minute.
                    return;
                }
            }

            if (refused is not null)
            {
                Pend(pending, (incident, item.UnknownUnits), IncomingReport.Refused(Domain.Reports.ReportSource.CoT, item.Raw, refused));
            }
        }
        else if (item.Alert is { } alert)
        {
            // In order with the unit's reports: to the incident it is enrolled in, after what came before. One sent
            // minutes ago (a server passing on what it last heard), or for a unit bound to another device, is
            // refused as such a fix is, and recorded.
            var incident = await IncidentOfDeviceAsync(alert.UnitId, item.Incident, cancellationToken).ConfigureAwait(false);
            if (intake.ScreenAlert(alert, item.MarkedAt) is { } untimely)
            {
                Pend(pending, (incident, item.UnknownUnits), IncomingReport.Refused(Domain.Reports.ReportSource.CoT, item.Raw, untimely, alert.UnitId));
                return;
            }

            await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
            await AlertAsync(incident, alert, item.Actor ?? UnnamedActor, cancellationToken).ConfigureAwait(false);
        }
        else if (item.Deletion is { } deletion)
        {
            // A deletion sent long ago is refused and recorded with its raw text in the listener's incident, as such
            // items always were. One naming a unit's device is its sign-off: to the incident it is enrolled in (or the
            // listener's, which may have enrolled it on its first report), in order with its reports; refused there
            // for a unit bound to another device.
            var refused = intake.ScreenDeletion(item.MarkedAt, deletion.SentBy);
            if (refused is null && item.MaySignOff)
            {
                var incident = await IncidentOfDeviceAsync(deletion.Marker, item.Incident, cancellationToken).ConfigureAwait(false);
                var unfit = intake.ScreenSignOff(deletion.Marker);
                if (unfit is null)
                {
                    await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                    unfit = await SignOffAsync(incident, deletion.Marker, item.Actor ?? UnnamedActor, cancellationToken).ConfigureAwait(false);
                }

                if (unfit is null)
                {
                    return;
                }

                if (unfit.Reason != Domain.Validation.RejectReason.UnknownUnit)
                {
                    // Said of the unit, not attributed to it: no report of its positions was refused.
                    Pend(pending, (incident, item.UnknownUnits), IncomingReport.Refused(Domain.Reports.ReportSource.CoT, item.Raw,
                        unfit with { Detail = $"sign-off of unit '{deletion.Marker}': {unfit.Detail}" }));
                    return;
                }
            }

            // No unit of that name: a map item. It goes as a marker goes, by the device that sent it, the device it links
            // to, or the one unit its connection speaks for, where one is enrolled. Of one that placed no threat there,
            // where another open incident holds a threat it placed, it goes there: a deletion sent under a uid of its
            // own, with only the marker's link, or by an officer of another incident, went to the listener's incident
            // and was refused there while the threat it spoke of stood. Else it is refused and recorded as such items
            // always were; a marker changed, as no unit's position; from a source that may not touch the threat, as not
            // allowed.
            var (markerIncident, device) = await IncidentOfDeletionAsync(deletion, item, cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                if (item.MayTouchThreat)
                {
                    // Said as done by the deleting device where it is known, else by where it came from: never by the uid of
                    // the deletion itself, which names nothing a commander knows.
                    var by = deletion with { By = device };
                    var actor = item.Sender?.Actor(device is null ? CotActor : $"{CotActor}:{device}") ?? item.Actor ?? UnnamedActor;
                    await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                    refused = await DeleteMarkerAsync(markerIncident, by, actor, cancellationToken).ConfigureAwait(false);
                    if (NotHeldThere(refused) && deletion.Became is null && await HolderOfMarkerAsync(deletion.Marker, cancellationToken).ConfigureAwait(false) is { } holder
                        && holder != markerIncident)
                    {
                        markerIncident = holder;
                        refused = await DeleteMarkerAsync(holder, by, actor, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    refused = item.Otherwise?.Rejection ?? new Domain.Validation.Rejection(Domain.Validation.RejectReason.NotAllowed, "its source may not touch the threat");
                }
            }

            if (refused is not null)
            {
                Pend(pending, (markerIncident, item.UnknownUnits), item.Otherwise ?? IncomingReport.Refused(Domain.Reports.ReportSource.CoT, item.Raw, refused, deletion.SentBy));
            }
        }
    }

    // Queues a report (or a refusal) for its incident's next submission, in the order it came.
    private static void Pend(Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>> pending, (string, UnknownUnitPolicy) key, IncomingReport report)
    {
        if (!pending.TryGetValue(key, out var list))
        {
            pending[key] = list = [];
        }

        list.Add(report);
    }

    // Whether a report of the unit waits to go to an incident other than the one given.
    private static bool WaitsElsewhere(Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>> pending, string unitId, string incident) =>
        pending.Any(p => p.Key.Item1 != incident && p.Value.Any(r => r.Report?.UnitId == unitId));

    private async Task FlushAsync(Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>> pending, CancellationToken cancellationToken)
    {
        foreach (var ((incident, policy), reports) in pending)
        {
            await SubmitAsync(incident, policy, reports, cancellationToken).ConfigureAwait(false);
        }

        pending.Clear();
    }

    private async Task SubmitAsync(string incident, UnknownUnitPolicy policy, List<IncomingReport> reports, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure = null;
            try
            {
                // Counted lost only once the last attempt fails: a batch taken at the second was never missing from the record.
                var outcome = await intake.SubmitAsync(incident, reports, policy, cancellationToken, triedAgain: attempt < options.DeliveryAttempts).ConfigureAwait(false);
                if (outcome.Accepted > 0 || outcome.Rejected.Count == 0 || outcome.Rejected.Any(r => r.Rejection.Reason != Domain.Validation.RejectReason.Unavailable))
                {
                    // Delivered: whatever was refused was refused for good, and counted by the intake.
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }

            if (attempt >= options.DeliveryAttempts)
            {
                metrics.Lost(reports[0].Source, reports.Count);
                LogDeliveryFailed(logger, reports.Count, incident, attempt, failure);
                return;
            }

            LogDeliveryRetried(logger, reports.Count, incident, attempt, failure);
            await Task.Delay(options.DeliveryRetryDelay * attempt, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    // The incident a unit (or the device its uid names) is enrolled in; where it is enrolled nowhere (or is no unit at
    // all), the open incident whose site the position it gives lies on, where that is not the listener's; else the
    // listener's. With two drills open, a late joiner's first reports, or another drill's commander's marker, went to the
    // listener's incident kilometres away: enrolled there, or moving its threat onto the other drill's building.
    private async ValueTask<string> IncidentOfDeviceAsync(string? device, string listeners, CancellationToken cancellationToken, Domain.Geometry.GeoPoint? at = null) =>
        (device is null ? null : await EnrolmentOfAsync(device, cancellationToken).ConfigureAwait(false))
        ?? (at is { } position ? await PlaceOfAsync(position, listeners, cancellationToken).ConfigureAwait(false) : null)
        ?? listeners;

    // The open incident whose site the position lies on, where that is not the listener's; null where none is, or it
    // cannot be looked up now (logged: the input then goes to the listener's, as it always did).
    private async ValueTask<string?> PlaceOfAsync(Domain.Geometry.GeoPoint position, string listeners, CancellationToken cancellationToken)
    {
        try
        {
            return await routes.IncidentAtAsync(position, listeners, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPlaceNotLookedUp(logger, listeners, e);
            return null;
        }
    }

    // The incident a unit (or the device its uid names) is enrolled in; null where it is enrolled nowhere. A look-up that
    // fails is tried again as a delivery is; one that still fails throws UnroutableException.
    private async ValueTask<string?> EnrolmentOfAsync(string device, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await routes.IncidentOfAsync(device, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.DeliveryAttempts)
                {
                    throw new UnroutableException(device, attempt, e);
                }

                LogRouteRetried(logger, device, attempt, e);
            }

            await Task.Delay(options.DeliveryRetryDelay * attempt, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    // The incident of the first of the deletion's devices that is enrolled in one, and that device: the device it was sent
    // under, the device it links to, the one unit its connection speaks for; else the listener's, and the device it links
    // to or its connection speaks for where there is one. The uid it was sent under names a device only where a unit is
    // enrolled under it: ATAK sends a deletion under a uid of its own.
    private async ValueTask<(string Incident, string? Device)> IncidentOfDeletionAsync(DeletedMarker deletion, IngestItem item, CancellationToken cancellationToken)
    {
        foreach (var device in new[] { deletion.SentBy, deletion.Linked, item.RoutedBy }.Distinct(StringComparer.Ordinal))
        {
            if (device is not null && await EnrolmentOfAsync(device, cancellationToken).ConfigureAwait(false) is { } incident)
            {
                return (incident, device);
            }
        }

        return (item.Incident, deletion.LinkedDevice ?? item.RoutedBy);
    }

    // The incident asked does not hold the marker's threat: none of its threats was placed from it, or it is no open
    // incident.
    private static bool NotHeldThere(Domain.Validation.Rejection? refused) =>
        refused?.Reason is Domain.Validation.RejectReason.NotAPosition or Domain.Validation.RejectReason.UnknownIncident or Domain.Validation.RejectReason.Closed;

    // The open incident holding a threat placed from the marker; null where none does, or where that cannot be looked up
    // now (logged: the deletion is then refused where it was routed, and recorded there).
    private async ValueTask<string?> HolderOfMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        try
        {
            return await routes.IncidentOfMarkerAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMarkerNotLookedUp(logger, marker, e);
            return null;
        }
    }

    private sealed class UnroutableException(string device, int attempts, Exception inner)
        : Exception($"the route of unit '{device}' could not be looked up in {attempts} attempts", inner)
    {
        public string Device => device;

        public int Attempts => attempts;
    }

    private Task<Domain.Validation.Rejection?> SetThreatAsync(string incident, Domain.Threats.Threat threat, string actor, CancellationToken cancellationToken) =>
        AskAsync(() => incidents.SetThreatAsync(incident, threat, actor, cancellationToken), e => LogThreatFailed(logger, threat.ThreatId, incident, e), cancellationToken);

    private async Task AlertAsync(string incident, UnitAlert alert, string actor, CancellationToken cancellationToken)
    {
        // One the incident will not take (a unit not enrolled there, an incident closed) is a refusal like any other
        // input's, counted and logged by reason, not a failure.
        if (await AskAsync(() => incidents.AlertAsync(incident, alert, actor, cancellationToken), e => LogAlertFailed(logger, alert.UnitId, incident, e), cancellationToken).ConfigureAwait(false) is { } refused)
        {
            rejections.Rejected(Domain.Reports.ReportSource.CoT, refused);
            metrics.Rejected(Domain.Reports.ReportSource.CoT, refused.Reason);
        }
    }

    private Task<Domain.Validation.Rejection?> SignOffAsync(string incident, string unitId, string actor, CancellationToken cancellationToken) =>
        AskAsync(() => incidents.SignOffAsync(incident, unitId, actor, cancellationToken), e => LogSignOffFailed(logger, unitId, incident, e), cancellationToken);

    private Task<Domain.Validation.Rejection?> DeleteMarkerAsync(string incident, DeletedMarker deletion, string actor, CancellationToken cancellationToken) =>
        AskAsync(() => incidents.DeleteMarkerAsync(incident, deletion, actor, cancellationToken), e => LogDeletionFailed(logger, deletion.Marker, incident, e), cancellationToken);

    /// <summary>
    /// Hands a marker, an alert, a deletion or a sign-off to its incident: its refusal is returned, to be recorded or
    /// counted; a call that fails is logged, and what it carried lost with it.
    /// </summary>
    private static async Task<Domain.Validation.Rejection?> AskAsync(Func<Task<Domain.Validation.Rejection?>> call, Action<Exception> failed, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed(e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell incident {Incident} that unit {UnitId}'s device signed off")]
    private static partial void LogSignOffFailed(ILogger logger, string unitId, string incident, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up which open incident holds a threat placed from marker {Marker}; its deletion is refused where it was routed")]
    private static partial void LogMarkerNotLookedUp(ILogger logger, string marker, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up which open incident's site a device enrolled nowhere stands on; its input goes to {Incident}, its listener's")]
    private static partial void LogPlaceNotLookedUp(ILogger logger, string incident, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell incident {Incident} that marker {Marker} was deleted")]
    private static partial void LogDeletionFailed(ILogger logger, string marker, string incident, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the alert of unit {UnitId} on incident {Incident}")]
    private static partial void LogAlertFailed(ILogger logger, string unitId, string incident, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not deliver {Count} ingested inputs to incident {Incident} in {Attempts} attempts; they are lost (counted as lost)")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, string incident, int attempts, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} ingested inputs to incident {Incident} failed (attempt {Attempt}); trying again")]
    private static partial void LogDeliveryRetried(ILogger logger, int count, string incident, int attempt, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up the incident of unit {Device} failed (attempt {Attempt}); trying again")]
    private static partial void LogRouteRetried(ILogger logger, string device, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look up the incident of unit {Device} in {Attempts} attempts; its input is lost (counted as lost)")]
    private static partial void LogNotRouted(ILogger logger, string device, int attempts, Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering a batch of {Count} ingested inputs failed unexpectedly; they are lost (counted as lost), and the next batch is delivered")]
    private static partial void LogBatchLost(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} ingested inputs were still queued when shutdown's {Timeout} ran out; they are lost")]
    private static partial void LogNotDrained(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set threat {ThreatId} on incident {Incident}")]
    private static partial void LogThreatFailed(ILogger logger, string threatId, string incident, Exception exception);
}
