using Command.Domain.Validation;
using Command.Grains;
using Command.Ingest;
using Command.Ingest.Intake;

namespace Command.Host.Ingest;

/// <summary>
/// Wires the ingest to the grains. The intake judges fix times on the incidents' clock, so that a test (or a
/// replayed drill) that sets that clock sees reports screened against the same time the incidents keep.
/// </summary>
public static class IngestSetup
{
    public static IServiceCollection AddCommandIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IIncidentPort, GrainIncidentPort>();
        services.AddSingleton<ISourceLease, GrainSourceLease>();
        services.AddSingleton<IUnitRoutes>(sp => new GrainUnitRoutes(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredKeyedService<TimeProvider>(IncidentClock.Key)));
        services.AddSingleton(sp => new ReportIntake(
            sp.GetRequiredService<IIncidentPort>(),
            sp.GetRequiredService<IntakeMetrics>(),
            sp.GetRequiredService<RejectionLog>(),
            sp.GetRequiredKeyedService<TimeProvider>(IncidentClock.Key),
            sp.GetRequiredService<ValidationOptions>(),
            sp.GetRequiredService<IUnitBindings>(),
            sp.GetRequiredService<DeviceClocks>()));
        services.AddSingleton<ExpiredDeviceTokens>();
        services.AddCommandIngest(configuration);
        services.AddHostedService<SourceOutageRecorder>();
        services.AddHostedService<HostPulse>();
        services.AddHostedService<HostDepartureRecorder>();
        return services;
    }
}
