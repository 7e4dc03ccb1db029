using System.Net;
using Command.Faults.Tests.Support;

namespace Command.Faults.Tests;

/// <summary>
/// The host started from a folder other than its project's (the repository's root, or wherever a service manager starts
/// it) serves its page and its browser libraries from beside its assembly, where the build put them, and takes the
/// settings shipped there.
/// </summary>
public sealed class StartedElsewhereTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_started_from_another_folder_serves_its_page_and_libraries()
    {
        var elsewhere = Directory.CreateTempSubdirectory("command-elsewhere-").FullName;
        var data = Path.Combine(elsewhere, "data");
        try
        {
            await using var host = await HostProcess.StartAsync(data, new Dictionary<string, string>(), Ct, startedIn: elsewhere);
            using var http = HostProcess.Client(host.Url);

            foreach (var path in new[] { "/sign-in/", "/index.html", "/js/main.js", "/lib/leaflet/leaflet.js", "/lib/signalr/signalr.min.js" })
            {
                using var answer = await http.GetAsync(path, Ct);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode}\n{host.Output}");
            }
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_host_started_from_another_folder_plays_the_demo_drill_its_shipped_settings_turn_on()
    {
        // The demo is off in code and on in the appsettings.json shipped beside the assembly; the folder has none of its own.
        var elsewhere = Directory.CreateTempSubdirectory("command-elsewhere-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(Path.Combine(elsewhere, "data"),
                new Dictionary<string, string> { ["Serilog:MinimumLevel:Override:Command.Host.Drills.DemoDrill"] = "Information" }, Ct, startedIn: elsewhere,
                shipped: ["Demo:Enabled"]);
            using var http = HostProcess.Client(host.Url);

            // The drill starts once the host has, and says so on its console.
            await host.WrittenAsync("Demo drill playing on incident demo", Ct);
            using var answer = await http.GetAsync("/api/incidents/demo/drill", Ct);
            var drill = await answer.Content.ReadAsStringAsync(Ct);

            Assert.Contains("\"state\":\"running\"", drill, StringComparison.Ordinal);
            Assert.Contains("\"scenario\":\"demo\"", drill, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
