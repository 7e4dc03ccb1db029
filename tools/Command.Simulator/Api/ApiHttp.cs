namespace Command.Simulator.Api;

internal static class ApiHttp
{
    /// <summary>Who the host records as the author of every command this tool sends.</summary>
    public const string Actor = "simulator";

    /// <summary>An HttpClient for the host at <paramref name="url"/>, naming this tool as the actor.</summary>
    public static HttpClient Create(string url, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress))
        {
            throw new Cli.UsageException($"--url '{url}' is not an absolute URL.");
        }

        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = baseAddress;
        http.DefaultRequestHeaders.Add("X-Actor", Actor);
        return http;
    }
}
