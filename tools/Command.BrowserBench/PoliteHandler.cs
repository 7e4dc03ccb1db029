using System.Net;

namespace Command.BrowserBench;

/// <summary>
/// Waits as a host that answers 429 asks (its Retry-After, a second where it gives none) and sends the request again:
/// against a host at its default per-caller limits (10 commands a second) enrolling 500 units is slow, not a failure.
/// Gives up after <see cref="Tries"/> answers of 429, naming the settings that raise the limits. Waits on
/// <paramref name="clock"/>, sends through <paramref name="inner"/>.
/// </summary>
internal sealed class PoliteHandler(HttpMessageHandler inner, TimeProvider clock) : DelegatingHandler(inner)
{
    public PoliteHandler()
        : this(new HttpClientHandler(), TimeProvider.System)
    {
    }

    public const int Tries = 60;

    private long waits;

    /// <summary>How many times a request waited on the host's rate limits.</summary>
    public long Waits => Interlocked.Read(ref waits);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A JSON body is read once per send: kept as bytes, it is sent again unchanged.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var type = request.Content?.Headers.ContentType;
        for (var attempt = 1; ; attempt++)
        {
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = type;
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            if (attempt == Tries)
            {
                throw new HttpRequestException(
                    $"{request.Method} {request.RequestUri?.AbsolutePath} was refused 429 {Tries} times: raise the host's per-caller limits "
                    + "(Http__RateLimits__Commands__PerSecond, __Burst and the same for Reports; see tools/Command.BrowserBench/README.md)",
                    null, HttpStatusCode.TooManyRequests);
            }

            Interlocked.Increment(ref waits);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
