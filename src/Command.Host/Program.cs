using Command.Host.Access;
using Command.Host.Api;
using Command.Host.Diagnostics;
using Command.Host.Drills;
using Command.Host.Hosting;
using Command.Host.Ingest;
using Command.Host.Live;
using Command.Host.Paperwork;
using Command.Host.Replays;
using Command.Host.Sessions;
using Command.Ingest.Http;
using Command.Recording.Hosting;

// Run as its own process, a host that refuses to start says why in one line and exits 1; hosted in a test, it throws.
var started = false;
try
{
    var builder = WebApplication.CreateBuilder(ShippedFiles.Options(args));
    builder.AddShippedSettings();
    builder.RefuseUnknownSettings();
    builder.UseLoopbackByDefault();
    builder.RefuseTakenPorts();
    builder.RequireTlsOffLoopback();
    builder.LimitRequestBodies();
    builder.UseDataFolder();
    builder.AddCommandLogging();

    // Hosted services stop in the reverse of this order: listeners and drills stop feeding first, then the silo
    // deactivates the incidents (which record and persist as they go), and the recording flushes last.
    builder.Services.AddCommandRecording(builder.Configuration);
    builder.AddCommandSilo();
    builder.Services.AddCommandLive();
    builder.Services.AddCommandIngestion(builder.Configuration);
    builder.Services.AddCommandDrills(builder.Configuration);
    builder.Services.AddCommandReplays();
    builder.Services.AddCommandPaperwork();
    builder.Services.AddCommandRetention(builder.Configuration);
    builder.AddCommandAccess();
    builder.Services.AddPageCompression();

    var app = builder.Build();
    app.Lifetime.ApplicationStarted.Register(() => started = true);
    app.UseForwardedHeadersBehindProxy();
    app.UseFramingGuard();
    app.UseRequestBodyLimit();
    app.UseUnavailableIncidents();
    app.UseResponseCompression(); // the page's files only (PageCompression)
    app.MapIngestEndpoints(Rights.Report); // first: a request on the OsmAnd port must reach nothing else, the page included
    app.UseSignInPage(); // the one page, and its files, open to anyone
    app.UseCommandAccess();
    app.UseIncidentIds();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.MapFrontEndLibraries();
    app.MapHealthApi();
    app.MapSourcesApi();
    app.MapIncidentsApi();
    app.MapUnitsApi();
    app.MapDrillsApi();
    app.MapReplaysApi();
    app.MapAfterActionApi();
    app.MapNotesApi();
    app.MapPaperworkApi();
    app.MapCompareApi();
    app.MapProbeApi(app.Configuration);
    app.MapDiagnosticsApi();
    app.MapSignInApi();
    app.MapAccessApi();
    app.MapIncidentHub();
    await app.RunAsync();
}
catch (Exception failure) when (!started && System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly
    && StartRefusal.Reason(failure) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

return 0;

/// <summary>The host's entry point, visible to the functional tests.</summary>
public partial class Program;
