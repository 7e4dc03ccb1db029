namespace Command.LoadTest;

/// <summary>
/// The host one phase loads: the one at --url, shared by every phase, or else a freshly started Release host of
/// its own, so one phase's incidents (still ticking, still persisting) do not weigh on the next one's figures.
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly HostProcess? host;

    private LoadTarget(HostProcess? host, Uri url)
    {
        this.host = host;
        Url = url;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        Token = host?.Token ?? HostProcess.TokenFromEnvironment();
        Http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        Cpu = host is null ? new CpuUse() : new CpuUse(new CpuSource("host", () => host.Cpu));
    }

    public Uri Url { get; }

    /// <summary>The bearer token every request and hub connection presents.</summary>
    public string Token { get; }

    public HttpClient Http { get; }

    public CpuUse Cpu { get; }

    /// <summary>The host process this tool started, or null for one at --url.</summary>
    public HostProcess? Process => host;

    public static async Task<LoadTarget> OpenAsync(LoadOptions options, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = options.Url is null ? await HostProcess.StartAsync(settings) : null;
        return new LoadTarget(host, options.Url ?? host!.Url);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
