using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests;

/// <summary>A phone found fast and then set right is heard as it is from its third report, through the incident's own checks.</summary>
public sealed class DeviceClockSetRightTests
{
    private const string Incident = "fast-phone";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_phone_found_5_min_fast_then_set_right_is_taken_again_from_its_third_report_with_the_two_refused_before_it()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using var host = new PhoneHost(clock, data);
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        // Every 5 s, stamped 5 min ahead: found so on its third report.
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(host, clock.GetUtcNow().AddSeconds(300), north: -60 + i);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // Set right: put right by the 5 min it was found fast, its first two are older than the latest the incident took.
        var answers = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await SendAsync(host, clock.GetUtcNow(), north: -55 + i));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(new[] { 295.0, 290.0 }.Select(older => ("out-of-order", FormattableString.Invariant(
            $"fix is {older:0.0} s older than the latest accepted fix: the device's clock looks to keep this host's time, not 5 min fast as this fix was put right for (it arrived 300.0 s after the time it gives once put right)"))),
            answers.Take(2).Select(a => (a.GetProperty("rejected")[0].GetProperty("reason").GetString()!, a.GetProperty("rejected")[0].GetProperty("detail").GetString()!)));
        Assert.All(answers.Skip(2), a => Assert.Equal((1, 0), (a.GetProperty("accepted").GetInt32(), a.GetProperty("rejected").GetArrayLength())));
        var report = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{Incident}/report?format=json", Ct);
        // Every report it sent is taken: the two refused meanwhile with the third, before it.
        Assert.Equal(9, report.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == "P1").GetProperty("reportsTaken").GetInt32());
        Assert.Equal(
            [
                (Start, "Device clock found 5 min fast: its fix times put right by that from here"),
                (Start.AddSeconds(25), "Device clock set right, 5 min fast before: its fix times taken as it stamps them from here"),
            ],
            report.GetProperty("activity").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "device-clock")
                .Select(a => (a.GetProperty("time").GetDateTimeOffset(), a.GetProperty("text").GetString())));
        DataFolder.Remove(data);
    }

    private static async Task<JsonElement> SendAsync(CommandHost host, DateTimeOffset fixTime, double north)
    {
        using var response = await host.PostJsonAsync($"/api/incidents/{Incident}/reports", new { reports = new[] { TestSite.Report("P1", fixTime, 0, north) } });
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private sealed class PhoneHost(FakeTimeProvider clock, string data) : FakeClockHost(clock, new Dictionary<string, string?> { ["DataPath"] = data });
}
