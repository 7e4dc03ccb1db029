using System.Net;
using System.Net.Http.Headers;
using Command.BrowserBench;

namespace Command.Tools.Tests.BrowserBench;

/// <summary>The browser benchmark's client waits as a host at its rate limits asks, and sends the same request again.</summary>
public sealed class PoliteHandlerTests
{
    [Fact]
    public async Task A_request_refused_429_waits_as_long_as_the_host_asks_and_is_sent_again_with_the_same_body()
    {
        var host = new Host(new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)) } },
            new HttpResponseMessage(HttpStatusCode.TooManyRequests), new HttpResponseMessage(HttpStatusCode.Created));
        var clock = new AskedWaits();
        var polite = new PoliteHandler(host, clock);
        using var http = new HttpClient(polite) { BaseAddress = new Uri("http://host.invalid/") };

        using var response = await http.PostAsync("api/incidents/bench/units", new StringContent("""{"unitId":"P1"}""", new MediaTypeHeaderValue("application/json")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Enumerable.Repeat<(string?, string?)>(("""{"unitId":"P1"}""", "application/json"), 3), host.Bodies);
        // Its Retry-After, then a second where the host gave none.
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)], clock.Waits);
        Assert.Equal(2, polite.Waits);
    }

    [Fact]
    public async Task A_request_refused_429_every_time_gives_up_after_its_tries_naming_the_settings_that_raise_the_limits()
    {
        var host = new Host([.. Enumerable.Range(0, PoliteHandler.Tries).Select(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests))]);
        var clock = new AskedWaits();
        using var http = new HttpClient(new PoliteHandler(host, clock)) { BaseAddress = new Uri("http://host.invalid/") };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/incidents", TestContext.Current.CancellationToken));

        Assert.Equal(
            "GET /api/incidents was refused 429 60 times: raise the host's per-caller limits (Http__RateLimits__Commands__PerSecond, __Burst and the same for Reports; see tools/Command.BrowserBench/README.md)",
            refused.Message);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal((PoliteHandler.Tries, PoliteHandler.Tries - 1), (host.Bodies.Count, clock.Waits.Count));
    }

    // Answers each request with the next answer given, keeping the body and type each was sent with.
    private sealed class Host(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        private int next;

        public List<(string? Body, string? Type)> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add((request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken), request.Content?.Headers.ContentType?.MediaType));
            return answers[next++];
        }
    }

    // A clock on which every wait asked for is noted and over at once: the handler's waits are its own, not the test's.
    private sealed class AskedWaits : TimeProvider
    {
        public List<TimeSpan> Waits { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits)
            {
                Waits.Add(dueTime);
            }

            // After the timer is handed back, as a real one fires.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new Fired();
        }

        private sealed class Fired : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
