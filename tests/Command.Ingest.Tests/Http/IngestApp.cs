using System.Net;
using Command.Ingest.Http;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Http;

/// <summary>
/// Ingest's HTTP endpoints on real Kestrel: an API listener and the OsmAnd listener, each on a free loopback port
/// that Kestrel picks, feeding a fake incident port.
/// </summary>
internal sealed class IngestApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private IngestApp(WebApplication app, FakeIncidentPort incidents, int apiPort, int osmAndPort)
    {
        this.app = app;
        Incidents = incidents;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        OsmAnd = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{osmAndPort}") };
        (ApiPort, OsmAndPort) = (apiPort, osmAndPort);
    }

    /// <summary>The one unit enrolled in an incident, "drill-east"; every other is enrolled nowhere.</summary>
    public const string EnrolledPhone = "phone-east";

    public FakeIncidentPort Incidents { get; }

    /// <summary>A client of the API's listener.</summary>
    public HttpClient Api { get; }

    /// <summary>A client of the OsmAnd listener, as a phone running Traccar Client.</summary>
    public HttpClient OsmAnd { get; }

    public int ApiPort { get; }

    /// <summary>How the host's sources of reports stand.</summary>
    public IngestSources Sources => app.Services.GetRequiredService<IngestSources>();

    public int OsmAndPort { get; }

    public static async Task<IngestApp> StartAsync(CancellationToken cancellationToken)
    {
        var incidents = new FakeIncidentPort();
        ListenOptions? api = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = "drill-1",
            ["Ingest:OsmAnd:Incident"] = "drill-phones",
            ["Ingest:OsmAnd:MaxBodyBytes"] = "1024",
            ["Ingest:OsmAnd:StoppedFixStands"] = "00:04:00",
            ["Ingest:OsmAnd:AddressRate:PerSecond"] = "1",
            ["Ingest:OsmAnd:AddressRate:Burst"] = "60",
            ["Ingest:OsmAnd:DeviceRate:PerSecond"] = "1",
            ["Ingest:OsmAnd:DeviceRate:Burst"] = "5",
            ["Ingest:Cot:Udp:Enabled"] = "false",
            ["Ingest:Cot:Tcp:Enabled"] = "false",
            ["Ingest:Nmea:Tcp:Enabled"] = "false",
            ["Ingest:Aprs:Tcp:Enabled"] = "false",
        });
        var doors = new OpenDoors();
        builder.Services.AddSingleton<IReportSenders>(doors).AddSingleton<IDeviceDirectory>(doors)
            .AddAuthorization(o => o.AddPolicy(OpenDoors.Policy, p => p.RequireAssertion(_ => true)));
        builder.Services.AddSingleton<IUnitRoutes>(new EnrolledUnits(new Dictionary<string, string> { [EnrolledPhone] = "drill-east" }));
        builder.Services.AddSingleton<IIncidentPort>(incidents).AddSingleton<TimeProvider>(new FakeTimeProvider(IngestRig.Now)).AddCommandIngest(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, bound => api = bound);
            kestrel.Listen(IPAddress.Loopback, 0, kestrel.ApplicationServices.GetRequiredService<OsmAndListener>().Claim);
        });
        var app = builder.Build();
        app.MapIngestEndpoints(OpenDoors.Policy);
        app.UseAuthorization();
        await app.StartAsync(cancellationToken);
        var osmAndPort = app.Services.GetRequiredService<OsmAndListener>().BoundPort
            ?? throw new InvalidOperationException("the OsmAnd listener was not bound");
        return new IngestApp(app, incidents, api!.IPEndPoint!.Port, osmAndPort);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        OsmAnd.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
