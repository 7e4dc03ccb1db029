using Serilog;
using Serilog.Formatting.Compact;

namespace Command.Host.Hosting;

/// <summary>Serilog: one structured line per event, to the console and to a rolling file under the data folder.</summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddCommandLogging(this WebApplicationBuilder builder)
    {
        var logs = Path.Combine(DataFolder.Resolve(builder), "logs", "command-.log");
        builder.Services.AddSerilog((services, log) => log
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", Serilog.Events.LogEventLevel.Warning)
            // Orleans runs grain placement through Polly, which logs every attempt at Information.
            .MinimumLevel.Override("Polly", Serilog.Events.LogEventLevel.Warning)
            // The defaults above come first so that the Serilog section of the configuration can change them.
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<AccessTokenRedaction>()
            .Filter.With<HubRefusalFilter>()
            .Filter.With<StartRefusalFilter>()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(new CompactJsonFormatter(), logs, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14),
            // Each host logs through its own logger, never the process-wide static one: hosts sharing a process (the
            // tests run several) would otherwise log at whichever level the last one to start configured.
            preserveStaticLogger: true);
        return builder;
    }
}
