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
            context.HttpContext.GetRouteValue("id") is string id
            && await context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id).Takes() is { Reason: RejectReason.Closed } closed
                ? ApiError.For(instead is null ? closed : closed with { Detail = $"{closed.Detail}: {instead(id)}" })
                : await next(context));
}
