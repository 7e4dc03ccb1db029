using Command.Domain.Validation;
using Command.Grains;
using Command.Grains.Incidents;

namespace Command.Host.Hosting;

/// <summary>
/// Tells each incident of the holes in its record this host found (<see cref="RecordingHoles"/>): once no refusal has
/// widened a hole for <see cref="QuietFor"/>, the incident is told, which records it if it can record again. One that
/// still cannot is told again later, the refusals counted meanwhile joined to it; one closed or gone is not told.
/// </summary>
public sealed partial class RecordingHoleRecorder(
    RecordingHoles holes, IGrainFactory grains, ILocalSiloDetails silo, [FromKeyedServices(IncidentClock.Key)] TimeProvider clock, ILogger<RecordingHoleRecorder> logger)
    : BackgroundService
{
    /// <summary>How long a hole stands with no refusal before its incident is told, and how often holes are looked at.</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(5);

    /// <summary>Tells every incident whose hole is quiet now; returns how many recorded theirs.</summary>
    public async Task<int> TellQuietAsync(CancellationToken cancellationToken)
    {
        var host = silo.SiloAddress.Endpoint.ToString();
        var recorded = 0;
        foreach (var (incidentId, taken) in holes.TakeQuietFor(QuietFor))
        {
            var hole = taken with { Host = host };
            Rejection? refused;
            try
            {
                refused = await grains.GetGrain<IIncidentGrain>(incidentId).NoteHole(hole).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                refused = new Rejection(RejectReason.Unavailable, ex.Message);
            }

            switch (refused?.Reason)
            {
                case null:
                    recorded++;
                    LogRecorded(logger, incidentId, hole.From, hole.Until, hole.Refused);
                    break;
                case RejectReason.Unavailable:
                    holes.Return(incidentId, taken);
                    break;
                default:
                    // Closed, gone, or told before: nothing more to record.
                    LogNotRecorded(logger, incidentId, hole.From, refused.Detail);
                    break;
            }
        }

        return recorded;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(QuietFor, clock, stoppingToken);
                await TellQuietAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId} recorded that it could not record from {From:O} to {Until:O}: {Refused} this host handed it refused then")]
    private static partial void LogRecorded(ILogger logger, string incidentId, DateTimeOffset from, DateTimeOffset until, string refused);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} did not record the hole in its record from {From:O}: {Why}")]
    private static partial void LogNotRecorded(ILogger logger, string incidentId, DateTimeOffset from, string why);
}
