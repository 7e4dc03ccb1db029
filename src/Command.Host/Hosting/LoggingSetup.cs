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
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(new CompactJsonFormatter(), logs, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
        return builder;
    }
}
