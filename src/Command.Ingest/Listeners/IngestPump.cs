using Command.Ingest.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// Drains the queue in batches (whatever is waiting, up to <see cref="IngestOptions.MaxBatch"/>) and hands each
/// incident its reports in one intake call, so a high message rate does not become one grain call per message.
/// A report goes to the incident its unit is enrolled in, or else to its listener's. Order is kept: a threat waits
/// for the reports queued before it.
/// </summary>
public sealed partial class IngestPump(IngestQueue queue, ReportIntake intake, IIncidentPort incidents, IUnitRoutes routes, IngestOptions options, ILogger<IngestPump> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PumpAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not delivered, as with any message in flight on a socket.
        }
    }

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<IngestItem>(options.MaxBatch);
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            while (batch.Count < options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await DeliverAsync(batch, stoppingToken).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task DeliverAsync(List<IngestItem> batch, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>>();
        foreach (var item in batch)
        {
            if (item.Report is { } report)
            {
                var unitId = report.Report?.UnitId ?? report.UnitId;
                var incident = unitId is null ? null : await routes.IncidentOfAsync(unitId, cancellationToken).ConfigureAwait(false);
                var key = (incident ?? item.Incident, item.UnknownUnits);
                if (!pending.TryGetValue(key, out var list))
                {
                    pending[key] = list = [];
                }

                list.Add(report);
            }
            else if (item.Threat is { } threat)
            {
                await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                await SetThreatAsync(item.Incident, threat, item.Actor ?? "ingest", cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushAsync(Dictionary<(string, UnknownUnitPolicy), List<IncomingReport>> pending, CancellationToken cancellationToken)
    {
        foreach (var ((incident, policy), reports) in pending)
        {
            try
            {
                await intake.SubmitAsync(incident, reports, policy, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeliveryFailed(logger, reports.Count, incident, e);
            }
        }

        pending.Clear();
    }

    private async Task SetThreatAsync(string incident, Domain.Threats.Threat threat, string actor, CancellationToken cancellationToken)
    {
        try
        {
            await incidents.SetThreatAsync(incident, threat, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogThreatFailed(logger, threat.ThreatId, incident, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not deliver {Count} ingested inputs to incident {Incident}; they are lost")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, string incident, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set threat {ThreatId} on incident {Incident}")]
    private static partial void LogThreatFailed(ILogger logger, string threatId, string incident, Exception exception);
}
