using System.Diagnostics.Metrics;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Ingest.Listeners;

namespace Command.Host.Ingest;

/// <summary>
/// Tells each incident how the sources of reports feeding it stand on this host — the incident a source is set to feed,
/// and any whose enrolled units reported through it within the hour — so that it records when one goes down and when it
/// is heard again: the board on every host, a replay and the after-action report then say why units went quiet together. Each change is told at once; a source that is down is told again every
/// <see cref="IngestOptions.SourcesToldEvery"/>, so an incident opened during the outage learns of it, and one that
/// could not be told (its silo busy or restarting) is told later. The incident records only a change. Each telling is
/// counted by source and outcome (meter <c>Command.Ingest</c>, <c>command.ingest.sources.told</c>: recorded,
/// duplicate, no-incident, closed, refused, failed), and each change recorded is logged.
/// </summary>
public sealed partial class SourceOutageRecorder(
    IngestSources sources, IGrainFactory grains, ILocalSiloDetails silo, IngestOptions options, IMeterFactory meters, ILogger<SourceOutageRecorder> logger) : BackgroundService
{
    private readonly Counter<long> tellings = meters.Create(Command.Ingest.Intake.IntakeMetrics.MeterName)
        .CreateCounter<long>("command.ingest.sources.told", "{telling}", "Times a host told an incident how a source of reports feeding it stands, by outcome");
    private readonly SemaphoreSlim changed = new(0);
    // How this host last told each incident a source stands: down, throttled (refusing part of what comes) or heard.
    private readonly Dictionary<(string Source, string Incident), string> told = [];

    // This host as the other hosts know it: its silo's address.
    private string Host => silo.SiloAddress.Endpoint.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SourcesToldEvery <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Ingest:SourcesToldEvery must be positive; it is {options.SourcesToldEvery}");
        }

        sources.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await TellAsync(stoppingToken);
                try
                {
                    await changed.WaitAsync(options.SourcesToldEvery, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            sources.Changed -= OnChanged;
        }
    }

    // One wake-up however many changes come while the sources are being told (two, where two race): the telling reads
    // how they stand then.
    private void OnChanged(SourceState state)
    {
        if (changed.CurrentCount == 0)
        {
            changed.Release();
        }
    }

    // Every source down, and every one heard that this host has not told as heard since it last told it down (or ever),
    // to the incident it feeds and to each it fed a unit enrolled there within the hour.
    private async Task TellAsync(CancellationToken cancellationToken)
    {
        sources.EndThrottling();
        foreach (var state in sources.All())
        {
            var key = state.Shared ? state.Section : $"{state.Section}@{Host}";
            var standing = state.Down ? Down : state.Throttled ? Throttled : Heard;
            var notHeard = standing != Heard;
            var incidents = sources.Feeds(state.Section).Prepend(state.Incident)
                .Concat(told.Where(t => t.Value != Heard && t.Key.Source == key).Select(t => t.Key.Incident))
                .Distinct(StringComparer.Ordinal);
            foreach (var incident in incidents)
            {
                if (!notHeard && told.TryGetValue((key, incident), out var was) && was == Heard)
                {
                    continue;
                }

                try
                {
                    var refused = await grains.GetGrain<IIncidentGrain>(incident)
                        .NoteSource(key, state.Name, notHeard, notHeard ? state.Detail : null, Host, notHeard ? state.Since : null, standing == Throttled).WaitAsync(cancellationToken);
                    Count(state.Section, Outcome(refused));
                    if (refused is null)
                    {
                        LogRecorded(logger, incident, state.Name, standing == Heard ? "heard again" : standing);
                    }
                    else if (refused.Reason is not (RejectReason.Duplicate or RejectReason.UnknownIncident or RejectReason.Closed))
                    {
                        LogNotTold(logger, state.Name, incident, refused.Detail);
                        continue;
                    }

                    told[(key, incident)] = standing;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Count(state.Section, "failed");
                    LogFailed(logger, state.Name, incident, e);
                }
            }
        }
    }

    private const string Down = "down", Throttled = "refusing part of what comes", Heard = "heard";

    private static string Outcome(Rejection? refused) => refused?.Reason switch
    {
        null => "recorded",
        RejectReason.Duplicate => "duplicate",
        RejectReason.UnknownIncident => "no-incident",
        RejectReason.Closed => "closed",
        _ => "refused",
    };

    private void Count(string section, string outcome) =>
        tellings.Add(1, new KeyValuePair<string, object?>("source", section), new KeyValuePair<string, object?>("reason", outcome));

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Incident} recorded {Source} {Standing}, on this host's word")]
    private static partial void LogRecorded(ILogger logger, string incident, string source, string standing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} did not record how {Source} stands: {Detail}")]
    private static partial void LogNotTold(ILogger logger, string source, string incident, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell incident {Incident} how {Source} stands; telling it again shortly")]
    private static partial void LogFailed(ILogger logger, string source, string incident, Exception exception);
}
