using Command.Grains.Incidents;
using Command.Host.Replays;

namespace Command.Host.Api;

/// <summary>
/// Answers 503 with Retry-After, wherever in the API an incident (or a replay) says it cannot answer now, cannot be
/// reached while the cluster moves it off a host that died, or cannot be read or recorded while the cluster's storage
/// does not answer.
/// </summary>
public static partial class UnavailableIncidents
{
    public static IApplicationBuilder UseUnavailableIncidents(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Whoever sent it waits: grain storage read for it is tried once, briefly, and its failure answered here.
        Hosting.WaitingCaller.Mark();
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is IncidentUnavailableException or ReplayUnavailableException or Recording.Reading.RecordingUnreadableException && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiError.Unavailable(ex.Message).ExecuteAsync(context);
        }
        catch (Exception ex) when (Hosting.StorageUnreachable.Is(ex) && !context.Response.HasStarted)
        {
            // The cluster's storage is away: the incident can neither read nor record until it answers, on any host.
            context.Response.Clear();
            await ApiError.Unavailable(Hosting.StorageUnreachable.Said(ex)).ExecuteAsync(context);
        }
        catch (Exception ex) when (Hosting.Unreachable.Is(ex) && !context.Response.HasStarted)
        {
            // The incident's host died and the cluster is moving it (about ten seconds): a sender tries again, as it does
            // when a recording cannot be written; an empty 500 read as a fault of the request.
            // What failed is the operator's to read in the log; whoever sent the call is told what to do.
            context.Response.Clear();
            if (context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(UnavailableIncidents).FullName!) is { } logger)
            {
                LogUnreachable(logger, context.Request.Method, context.Request.Path.Value, ex);
            }

            await ApiError.Unavailable(Unreached(context, ex)).ExecuteAsync(context);
        }
    });

    /// <summary>
    /// Why an incident could not be reached, as its caller is told. A call that ran out of time, or expired on its way,
    /// while the cluster's storage has lately failed to answer this host (within <see cref="HealthApi.StorageFailureShownFor"/>,
    /// as <c>/health</c> says it) waited on that storage: no host stopped, and the caller is told so, not sent to look for
    /// one. A silo said gone is a host that stopped, whatever storage does.
    /// </summary>
    public static string Unreached(HttpContext context, Exception ex)
    {
        if (ex is not SiloUnavailableException
            && context.RequestServices.GetService<Hosting.RecordingHoles>()?.StorageLastFailed is { } failed
            && context.RequestServices.GetKeyedService<TimeProvider>(Grains.IncidentClock.Key) is { } clock
            && clock.GetUtcNow() - failed.At < HealthApi.StorageFailureShownFor)
        {
            return $"the incident did not answer in time: the cluster's storage is not answering (at {failed.At.UtcDateTime:HH:mm:ss} UTC {failed.Said}), "
                + "and no incident can be read or recorded until it does; send it again once it answers";
        }

        return "the incident could not be reached: its host may have stopped, and the cluster moves it to another within about ten seconds; send it again";
    }

    // At debug: while the cluster moves a dead host's incidents every call to them is answered so, and the host's leaving is logged
    // where it is found.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} could not reach its incident; answered 503 to send again")]
    private static partial void LogUnreachable(ILogger logger, string method, string? path, Exception exception);
}
