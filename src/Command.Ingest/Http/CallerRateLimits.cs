using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Ingest.Http;

/// <summary>
/// Answers 429 with Retry-After to a caller over its rate for an endpoint's <see cref="CallerRateClass"/>, keyed by
/// the authenticated identity where there is one and by the address otherwise. Use after authentication.
/// </summary>
public sealed class CallerRateLimits(CallerRateLimiter reports, CallerRateLimiter commands)
{
    public CallerRateLimiter For(CallerRateClass rateClass) => rateClass == CallerRateClass.Reports ? reports : commands;
}

/// <summary>Puts <see cref="CallerRateLimits"/> in the pipeline.</summary>
public static class CallerRateLimitsSetup
{
    /// <summary>Checks each request whose endpoint names a rate class.</summary>
    public static IApplicationBuilder UseCallerRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<CallerRateClass>() is { } rateClass)
        {
            var caller = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : $"address:{http.Connection.RemoteIpAddress}";
            var limits = http.RequestServices.GetRequiredService<CallerRateLimits>();
            if (!limits.For(rateClass).TryAcquire(caller, out var retryAfter))
            {
                var seconds = RetryAfter.Set(http.Response, retryAfter);
                await Results.Json(
                    new RequestRefusal("rate-limited", $"{caller} is sending {rateClass.Name} faster than its limit; try again in {seconds} s"),
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });
}
