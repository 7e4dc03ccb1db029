using Command.Grains.Incidents;

namespace Command.Host.Api;

/// <summary>Answers 503 with Retry-After, wherever in the API an incident says it cannot answer now.</summary>
public static class UnavailableIncidents
{
    public static IApplicationBuilder UseUnavailableIncidents(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (IncidentUnavailableException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiError.Unavailable(ex.Message).ExecuteAsync(context);
        }
    });
}
