using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Live;

/// <summary>SignalR for the dashboard, with the same JSON shape as the HTTP API.</summary>
public static class LiveSetup
{
    /// <summary>The reason a hub connection is refused while the host stops.</summary>
    public const string HostStopping = "host-stopping";

    public static IServiceCollection AddCommandLive(this IServiceCollection services)
    {
        services.AddSignalR(o => o.AddFilter(new Hosting.WaitingCaller.HubFilter())).AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.Converters.Add(SourceNames);
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.PayloadSerializerOptions.Converters.Add(new UnitAssessmentConverter());
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(SourceNames);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddSingleton<FrameFanout>();
        services.AddSingleton<IncidentFeeds>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentFeeds>());
        return services;
    }

    // A report's source as a report names it ("cot", "osmand"), not camel-cased from its enum ("coT", "osmAnd").
    private static readonly JsonStringEnumConverter<Domain.Reports.ReportSource> SourceNames = new(new LowerCase());

    private sealed class LowerCase : System.Text.Json.JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    /// <summary>
    /// The hub, for callers with the right to watch; joining a replay checks its own right. Once the host begins to stop
    /// (when SignalR closes the connections open on it) it takes no new one (503, the reason named): its pages reconnect
    /// to whatever the deployment routes them to, or here once it is back, not to a host about to close them again.
    /// </summary>
    public static WebApplication MapIncidentHub(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            if (stopping.IsCancellationRequested && context.Request.Path.StartsWithSegments(IncidentHub.Path))
            {
                await Results.Json(new Api.ApiError(HostStopping, "the host is shutting down"), statusCode: StatusCodes.Status503ServiceUnavailable)
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapHub<IncidentHub>(IncidentHub.Path).RequireAuthorization(Access.Rights.Watch);
        return app;
    }
}
