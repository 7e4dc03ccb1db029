using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Cot;
using Command.Ingest.Http;
using Command.Ingest.Intake;
using Command.Ingest.Kiss;
using Command.Ingest.Listeners;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Command.Ingest;

/// <summary>Registers the ingest: options, intake, parsers, the queue and its pump, and the listeners.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Ingest</c> (incident, unknown units, queue), <c>Ingest:Validation</c>, <c>Ingest:Cot</c> (parser),
    /// <c>Ingest:Cot:Udp</c>, <c>Ingest:Cot:Multicast</c>, <c>Ingest:Cot:Tcp</c>, <c>Ingest:Cot:Tls</c>, <c>Ingest:Nmea</c> (parser),
    /// <c>Ingest:Nmea:Tcp</c>, <c>Ingest:Aprs</c> (parser), <c>Ingest:Aprs:Tcp</c>, <c>Ingest:Aprs:Kiss</c> (a TNC to connect to), <c>Ingest:Aprs:AprsIs</c> (an APRS-IS server to log in to), <c>Ingest:Cot:TakServer</c> (a TAK Server to connect to), <c>Ingest:OsmAnd</c> and
    /// <c>Http:RateLimits:Reports</c> and <c>:Commands</c>. The host supplies <see cref="IIncidentPort"/> and may supply
    /// a <see cref="TimeProvider"/> (default system) and who may report: <see cref="IReportSenders"/>,
    /// <see cref="IUnitBindings"/> and <see cref="IDeviceDirectory"/> (defaults: nobody, no unit bound, no device).
    /// Listener settings are checked when the listeners are created, as the host starts: one that could not work (an
    /// allow-list entry that is no CIDR range, a TLS certificate that cannot be read) stops the host, naming its key.
    /// </summary>
    public static IServiceCollection AddCommandIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Bind(configuration, "Ingest:Validation", new ValidationOptions()));
        services.TryAddSingleton(_ => Bind(configuration, "Ingest", new IngestOptions()));
        services.TryAddSingleton(_ => Bind(configuration, "Ingest:Cot", new CotOptions()));
        services.TryAddSingleton(_ => Bind(configuration, "Ingest:Nmea", new NmeaOptions()));
        services.TryAddSingleton(_ => Bind(configuration, "Ingest:Aprs", new AprsOptions()));
        services.TryAddSingleton(_ => Bind(configuration, "Ingest:OsmAnd", new OsmAndOptions()) is var osmAnd && osmAnd.Problem() is { } problem
            ? throw new OptionsValidationException("Ingest:OsmAnd", typeof(OsmAndOptions), [problem])
            : osmAnd);
        services.TryAddSingleton<IntakeMetrics>();
        services.TryAddSingleton<ListenerMetrics>();
        services.TryAddSingleton<RejectionLog>();
        services.TryAddSingleton<DeviceClocks>();
        services.TryAddSingleton<ReportIntake>();
        services.TryAddSingleton<IngestQueue>();
        services.TryAddSingleton<IngestSources>();
        services.TryAddSingleton<IngestContext>();
        services.TryAddSingleton<CotParser>();
        services.TryAddSingleton<AprsParser>();
        services.TryAddSingleton<OsmAndEndpoint>();
        services.TryAddSingleton<OsmAndListener>();
        services.TryAddSingleton<IUnitRoutes, ListenerIncidentOnly>();
        services.TryAddSingleton<IUnitBindings, NoUnitBindings>();
        services.TryAddSingleton<ISourceLease, SoleHost>();
        services.TryAddSingleton<IDeviceDirectory, NoDevices>();
        services.TryAddSingleton<IReportSenders, NoReportSenders>();
        services.TryAddSingleton(sp => new CallerRateLimits(
            new CallerRateLimiter(Bind(configuration, "Http:RateLimits:Reports", CallerRateOptions.Reports with { }), sp.GetRequiredService<TimeProvider>()),
            new CallerRateLimiter(Bind(configuration, "Http:RateLimits:Commands", CallerRateOptions.Commands with { }), sp.GetRequiredService<TimeProvider>())));
        services.AddHostedService<IngestPump>();

        services.AddSingleton<IHostedService>(sp => new CotUdpListener(
            "Ingest:Cot:Udp", Listener(configuration, "Ingest:Cot:Udp", new UdpListenerOptions { Port = 8087 }), sp.GetRequiredService<IngestContext>(),
            sp.GetRequiredService<CotParser>(), sp.GetRequiredService<CotOptions>(), sp.GetRequiredService<ILogger<CotUdpListener>>()));
        services.AddSingleton<IHostedService>(sp => new CotUdpListener(
            "Ingest:Cot:Multicast", Listener(configuration, "Ingest:Cot:Multicast", new UdpListenerOptions { Enabled = false, Port = 6969, MulticastGroup = "239.2.3.1" }),
            sp.GetRequiredService<IngestContext>(), sp.GetRequiredService<CotParser>(), sp.GetRequiredService<CotOptions>(), sp.GetRequiredService<ILogger<CotUdpListener>>()));
        services.AddSingleton<IHostedService>(sp => new CotTcpListener(
            "Ingest:Cot:Tcp", Listener(configuration, "Ingest:Cot:Tcp", new TcpListenerOptions { Port = 8087, MaxFrameBytes = 64 * 1024 }), sp.GetRequiredService<IngestContext>(),
            sp.GetRequiredService<CotParser>(), sp.GetRequiredService<ILogger<CotTcpListener>>()));
        services.AddSingleton<IHostedService>(sp =>
        {
            var tls = Listener(configuration, "Ingest:Cot:Tls", new TlsListenerOptions());
            return new CotTlsListener("Ingest:Cot:Tls", tls, tls.Enabled ? CotTlsCredentials.Load("Ingest:Cot:Tls", tls) : null,
                sp.GetRequiredService<IngestContext>(), sp.GetRequiredService<CotParser>(), sp.GetRequiredService<ILogger<CotTlsListener>>());
        });
        services.AddSingleton<IHostedService>(sp => new NmeaTcpListener(
            "Ingest:Nmea:Tcp", Listener(configuration, "Ingest:Nmea:Tcp", new NmeaListenerOptions { Port = 10110 }), sp.GetRequiredService<IngestContext>(),
            sp.GetRequiredService<NmeaOptions>(), sp.GetRequiredService<ILogger<NmeaTcpListener>>(), sp.GetRequiredService<ValidationOptions>()));
        services.AddSingleton<IHostedService>(sp => new AprsTcpListener(
            "Ingest:Aprs:Tcp", Listener(configuration, "Ingest:Aprs:Tcp", new TcpListenerOptions { Port = 14580 }), sp.GetRequiredService<IngestContext>(),
            sp.GetRequiredService<AprsParser>(), sp.GetRequiredService<ILogger<AprsTcpListener>>()));
        services.AddSingleton<IHostedService>(sp => new KissTncClient(
            KissClient(configuration, "Ingest:Aprs:Kiss"), sp.GetRequiredService<IngestContext>(), sp.GetRequiredService<AprsParser>(), sp.GetRequiredService<ISourceLease>(),
            sp.GetRequiredService<ILogger<KissTncClient>>()));
        services.AddSingleton<IHostedService>(sp =>
        {
            var tak = TakServerClient(configuration, "Ingest:Cot:TakServer");
            return new TakServerClient(tak, tak is { Enabled: true, Tls: true } ? TakServerCredentials.Load("Ingest:Cot:TakServer", tak) : null,
                sp.GetRequiredService<IngestContext>(), sp.GetRequiredService<CotParser>(), sp.GetRequiredService<ISourceLease>(), sp.GetRequiredService<ILogger<TakServerClient>>());
        });
        services.AddSingleton<IHostedService>(sp => new AprsIsClient(
            AprsIsClient(configuration, "Ingest:Aprs:AprsIs"), sp.GetRequiredService<IngestContext>(), sp.GetRequiredService<AprsParser>(), sp.GetRequiredService<ISourceLease>(),
            sp.GetRequiredService<ILogger<AprsIsClient>>()));
        return services;
    }

    // The TAK Server client's options, bound and checked as a listener's are.
    private static TakServerClientOptions TakServerClient(IConfiguration configuration, string section)
    {
        var unknown = new SettingsSection(section, typeof(TakServerClientOptions), "a setting of the TAK Server client").Unknown(configuration).ToList();
        return unknown.Count > 0
            ? throw new OptionsValidationException(section, typeof(TakServerClientOptions), unknown)
            : Bind(configuration, section, new TakServerClientOptions()).Checked(section);
    }

    // The APRS-IS client's options, bound and checked as a listener's are.
    private static AprsIsClientOptions AprsIsClient(IConfiguration configuration, string section)
    {
        var unknown = new SettingsSection(section, typeof(AprsIsClientOptions), "a setting of the APRS-IS client").Unknown(configuration).ToList();
        return unknown.Count > 0
            ? throw new OptionsValidationException(section, typeof(AprsIsClientOptions), unknown)
            : Bind(configuration, section, new AprsIsClientOptions()).Checked(section);
    }

    // The KISS TNC client's options, bound and checked as a listener's are.
    private static KissClientOptions KissClient(IConfiguration configuration, string section)
    {
        var unknown = new SettingsSection(section, typeof(KissClientOptions), "a setting of the KISS TNC client").Unknown(configuration).ToList();
        return unknown.Count > 0
            ? throw new OptionsValidationException(section, typeof(KissClientOptions), unknown)
            : Bind(configuration, section, new KissClientOptions()).Checked(section);
    }

    /// <summary>
    /// A listener's options, bound and checked: a key that is no setting of the listener (a misspelt allow-list would
    /// leave every radio refused without a word) and settings that could not work stop the host, naming their key.
    /// </summary>
    private static T Listener<T>(IConfiguration configuration, string section, T defaults)
        where T : ListenerOptions
    {
        var unknown = new SettingsSection(section, typeof(T), "a setting of this listener").Unknown(configuration).ToList();
        return unknown.Count > 0
            ? throw new OptionsValidationException(section, typeof(T), unknown)
            : ListenerOptionsCheck.Checked(section, Bind(configuration, section, defaults));
    }

    private static T Bind<T>(IConfiguration configuration, string section, T defaults)
        where T : class
    {
        configuration.GetSection(section).Bind(defaults);
        return defaults;
    }
}
