using Command.Domain.Validation;
using Command.Grains.Incidents;

namespace Command.Host.Api;

/// <summary>
/// A command to a closed incident is refused before its body is read: one who may give it is told 409 <c>closed</c>,
/// saying when, whatever the body holds, for a body mended would still go nowhere. The right is checked before (one who
/// may not give the command learns nothing of the incident); an open or unknown incident is the endpoint's to answer.
/// </summary>
public static class ClosedIncidentCommands
{
    /// <summary>
    /// Refuses the endpoint's command once incident <c>{id}</c> is closed, ahead of anything in its body;
    /// <paramref name="instead"/>, given the incident's id, says where what the command did is done on its recording.
    /// </summary>
    public static TBuilder RefusedOnceClosed<TBuilder>(this TBuilder endpoint, Func<string, string>? instead = null)
        where TBuilder : IEndpointConventionBuilder => endpoint.AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("id") is string id && await ClosedAsync(context.HttpContext, id) is { } closed
                ? ApiError.For(instead is null ? closed : closed with { Detail = $"{closed.Detail}: {instead(id)}" })
                : await next(context));

    // The incident's close, where it is closed; null where it is open or unknown, or does not answer. The command then goes
    // to it as it always did, and fails there: answered 503 and counted as a command refused, so that once the storage
    // answers again the incident's record says the hole (asked here, it was neither). Not where its host stopped: the
    // question waits until the cluster declares that host dead, seconds, and the command sent on then reached the incident
    // on its new host and was recorded then, a threat declared active at 21:43:23 recorded at 21:43:30. It is answered 503
    // with Retry-After (UnavailableIncidents), and the commander sends it again.
    private static async Task<Rejection?> ClosedAsync(HttpContext http, string id)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id).Takes() is { Reason: RejectReason.Closed } closed
                ? closed : null;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SiloUnavailableException))
        {
            return null;
        }
    }
}
