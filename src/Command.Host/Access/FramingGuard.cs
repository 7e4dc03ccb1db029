namespace Command.Host.Access;

/// <summary>
/// Every answer says it may not be shown inside another site's page (<c>X-Frame-Options: DENY</c>, and CSP's
/// <c>frame-ancestors 'none'</c> for browsers that read only that), and that its content type is what it says
/// (<c>X-Content-Type-Options: nosniff</c>). The command view has buttons that acknowledge flags and send units in:
/// framed invisibly under a decoy page, a signed-in commander's click could be taken for one of them.
/// </summary>
public static class FramingGuard
{
    public static IApplicationBuilder UseFramingGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        await next(http);
    });
}
