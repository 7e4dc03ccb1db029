namespace Command.BrowserBench;

/// <summary>
/// How long each run settles and measures, which host and which browser, where to save what the page showed and where its
/// time went, and the slow link the page is put behind once it is live (null: none).
/// </summary>
internal sealed record BenchOptions(int Seconds, int SettleSeconds, Uri? Url, string Chromium, string? Screenshots, string? Profiles, SlowLink? Link = null)
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the browser benchmark from inside the repository.");
    }
}

/// <summary>A slow network link, as Chromium's DevTools emulate one: a round trip's latency and a throughput each way.</summary>
internal sealed record SlowLink(int LatencyMs, int Kbps)
{
    /// <summary>"400,500": 400 ms, 500 kbit/s.</summary>
    public static SlowLink Parse(string text) =>
        text.Split(',') is [var latency, var kbps] && int.TryParse(latency, out var ms) && int.TryParse(kbps, out var rate) && ms >= 0 && rate > 0
            ? new(ms, rate)
            : throw new ArgumentException($"--link takes latency in ms and throughput in kbit/s, as 400,500; not '{text}'");
}
