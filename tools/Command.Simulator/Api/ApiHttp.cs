namespace Command.Simulator.Api;

internal static class ApiHttp
{
    /// <summary>Who the host records as the author of every command this tool sends.</summary>
    public const string Actor = "simulator";

    /// <summary>An HttpClient for the host at <paramref name="url"/>, naming this tool as the actor.</summary>
    public static HttpClient Create(Uri url, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);

        // Without the trailing slash a host under a path (http://h/command) would lose its last segment.
        http.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        http.DefaultRequestHeaders.Add("X-Actor", Actor);
        return http;
    }
}
