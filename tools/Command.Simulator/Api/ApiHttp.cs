namespace Command.Simulator.Api;

internal static class ApiHttp
{
    /// <summary>
    /// The environment variable that holds the bearer token the simulator presents. Not an option: other local users
    /// can read a process's command line. The host records every command under the token's name.
    /// </summary>
    public const string TokenVariable = "COMMAND_TOKEN";

    public static string MissingToken =>
        $"Set {TokenVariable} to an admin's token of the host: playing a drill needs the rights to command, to report and to control drills, which only an admin's token holds together.";

    /// <summary>The token from <see cref="TokenVariable"/>, or null when it is not set.</summary>
    public static string? TokenFromEnvironment() =>
        Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : null;

    /// <summary>An HttpClient for the host at <paramref name="url"/>, presenting <paramref name="token"/>.</summary>
    public static HttpClient Create(Uri url, string token, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);

        // Without the trailing slash a host under a path (http://h/command) would lose its last segment.
        http.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }
}
