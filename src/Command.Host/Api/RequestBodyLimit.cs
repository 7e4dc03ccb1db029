namespace Command.Host.Api;

/// <summary>
/// The largest request body any endpoint reads, <see cref="JsonBody.MaxBytes"/>, enforced by the server itself so
/// that it holds for chunked bodies (which announce no length) as for those with a Content-Length: a larger body is
/// answered 413 with reason <c>oversized</c>, whichever endpoint it was sent to.
/// </summary>
public static class RequestBodyLimit
{
    public static WebApplicationBuilder LimitRequestBodies(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        return builder;
    }

    /// <summary>Answers the server's own refusal of a body past the limit, wherever it was read, with the API's error shape.</summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await JsonBody.Oversized().ExecuteAsync(context);
            }
        });
        return app;
    }
}
