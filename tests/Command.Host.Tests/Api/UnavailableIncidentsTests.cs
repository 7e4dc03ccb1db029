using System.Text.Json;
using Command.Grains.Incidents;
using Command.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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
}
