using System.Text.Json.Serialization;

namespace Command.Host.Live;

/// <summary>SignalR for the dashboard, with the same JSON shape as the HTTP API.</summary>
public static class LiveSetup
{
    public static IServiceCollection AddCommandLive(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(o =>
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

    /// <summary>The hub, for callers with the right to watch; joining a replay checks its own right.</summary>
    public static WebApplication MapIncidentHub(this WebApplication app)
    {
        app.MapHub<IncidentHub>(IncidentHub.Path).RequireAuthorization(Access.Rights.Watch);
        return app;
    }
}
