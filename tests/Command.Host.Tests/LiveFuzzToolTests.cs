using System.Net.Http.Json;
using System.Text.Json;
using Command.Fuzz.Live;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// The live fuzzer's verb run as its README says, against a real host with access on, whose CoT UDP listener takes
/// enrolled units only: it readies the clean reports with an admin's token (units enrolled, a device identifier issued
/// for the Traccar Client's, reported at the incident's site), fuzzes every port, finds each clean report landed, and
/// leaves no identifier it issued standing. Without a token, or with one the host refuses, it says so and sends nothing.
/// </summary>
public sealed class LiveFuzzToolTests(RadioHost host) : IClassFixture<RadioHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LiveFuzzArguments Arguments(string incident = IngestHost.Incident) => new(
        FuzzCommandAll, "127.0.0.1",
        new Dictionary<string, int>
        {
            ["cot-udp"] = host.CotUdpPort, ["takproto"] = host.CotUdpPort, ["cot-tcp"] = host.CotTcpPort, ["nmea"] = host.NmeaPort, ["aprs"] = host.AprsPort, ["osmand"] = host.OsmAndPort,
        },
        host.BaseAddress, Count: 200, Seed: 7, PerSender: 20, Parallel: 4, Rate: 0, incident);

    private const string FuzzCommandAll = "all";

    [Fact]
    public async Task With_an_admins_token_every_clean_report_lands_after_the_run_and_its_device_identifier_is_revoked()
    {
        using var output = new StringWriter();

        var exit = await LiveCheck.RunAsync(Arguments(), host.BootstrapToken, output, Ct);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("/health: 200 OK", lines);
        Assert.Equal(
            ["cot-udp", "takproto", "cot-tcp", "nmea", "aprs", "osmand"],
            lines.Where(l => l.StartsWith("clean ", StringComparison.Ordinal) && l.Contains(" landed in ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]));
        var devices = await host.Client.GetFromJsonAsync<JsonElement[]>("/api/access/devices", Ct);
        Assert.All(devices!.Where(d => d.GetProperty("unitId").GetString() == "FUZZ-OSMAND"), d => Assert.Equal(JsonValueKind.String, d.GetProperty("revokedAt").ValueKind));
        Assert.Single(devices!, d => d.GetProperty("unitId").GetString() == "FUZZ-OSMAND");

        // Run again, its clean units already enrolled: they are taken as they are.
        using var again = new StringWriter();
        Assert.True(await LiveCheck.RunAsync(Arguments() with { Protocol = "cot-udp" }, host.BootstrapToken, again, Ct) == 0, again.ToString());
    }

    [Theory]
    [InlineData(null, IngestHost.Incident, "Set COMMAND_TOKEN to an admin's token of the host")]
    [InlineData("not-a-token", IngestHost.Incident, "The host refused reading incident 'radio-drill': 401 Unauthorized")]
    [InlineData("", "no-such-drill", "Set COMMAND_TOKEN")]
    public async Task Without_a_token_the_host_takes_it_says_so_and_sends_nothing(string? token, string incident, string said)
    {
        using var output = new StringWriter();

        var exit = await LiveCheck.RunAsync(Arguments(incident), token, output, Ct);

        Assert.Equal(LiveCheck.NotChecked, exit);
        Assert.StartsWith(said, output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("Nothing was sent.", output.ToString().TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("messages from", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incident_the_host_does_not_have_is_named_with_the_setting_to_look_at()
    {
        using var output = new StringWriter();

        var exit = await LiveCheck.RunAsync(Arguments("no-such-drill"), host.BootstrapToken, output, Ct);

        Assert.Equal(LiveCheck.NotChecked, exit);
        Assert.Contains("The host refused reading incident 'no-such-drill': 404 NotFound", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("pass --incident, the incident the host's listeners feed (Ingest:Incident). Nothing was sent.", output.ToString(), StringComparison.Ordinal);
    }
}
