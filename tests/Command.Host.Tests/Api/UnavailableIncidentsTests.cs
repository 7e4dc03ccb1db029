using System.Text.Json;
using Command.Grains.Incidents;
using Command.Grains;
using Command.Host.Api;
using Command.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Api;

/// <summary>An incident that cannot answer now, or cannot be reached while the cluster moves it, is a 503 to send again, never an empty 500.</summary>
public sealed class UnavailableIncidentsTests
{
    public static TheoryData<string> Failures => ["silo", "recording"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_call_that_finds_its_incident_gone_or_moving_is_answered_503_with_retry_after(string failure)
    {
        var services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseUnavailableIncidents();
        app.Run(_ => throw failure switch
        {
            "silo" => new SiloUnavailableException("silo S127.0.0.1:11202:0 is unavailable"),
            _ => new IncidentUnavailableException("demo", "its recording cannot be read"),
        });
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await app.Build()(context);

        context.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.RetryAfter));
        Assert.Equal("unavailable", body.RootElement.GetProperty("reason").GetString());
        // Said to whoever sent it in words, not in the cluster's exception's name: that is for the log.
        var detail = body.RootElement.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("Exception", detail, StringComparison.Ordinal);
        Assert.Contains(failure == "silo" ? "its host may have stopped" : "its recording cannot be read", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("expired")]
    public async Task A_call_that_runs_out_of_time_while_storage_is_failing_says_storage_does_not_answer_not_that_a_host_stopped(string failure)
    {
        // While storage answered slowly the dispatcher was told the incident's host may have stopped, and went looking
        // for a host that had not.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var holes = new RecordingHoles(clock);
        var services = new ServiceCollection().AddLogging().AddRouting().AddSingleton(holes)
            .AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock).BuildServiceProvider();
        holes.Failed(null, 0, 0, new Azure.RequestFailedException("Connection refused (127.0.0.1:10000)"));
        clock.Advance(TimeSpan.FromSeconds(20));

        var detail = await DetailAsync(services, failure == "timeout"
            ? new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request [...]->[incident/demo]")
            : new OperationCanceledException("Message expired before placement could complete for grain incident/demo."));
        clock.Advance(HealthApi.StorageFailureShownFor);
        var later = await DetailAsync(services, new TimeoutException("Response did not arrive on time"));

        Assert.Equal(
            "the incident did not answer in time: the cluster's storage is not answering (at 15:00:00 UTC the incident's storage did not answer (Connection refused (127.0.0.1:10000))), "
            + "and no incident can be read or recorded until it does; send it again once it answers",
            detail);
        // Storage answering again this last minute, a call that runs out of time is put down to a host, as before.
        Assert.Contains("its host may have stopped", later, StringComparison.Ordinal);
    }

    private static async Task<string> DetailAsync(IServiceProvider services, Exception failure)
    {
        var app = new ApplicationBuilder(services);
        app.UseUnavailableIncidents();
        app.Run(_ => throw failure);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await app.Build()(context);

        context.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        return body.RootElement.GetProperty("detail").GetString()!;
    }
}
