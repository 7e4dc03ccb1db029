using System.CommandLine;
using System.Diagnostics;
using Command.BrowserBench;
using Command.LoadTest;

// Opens the command view in Chromium on a drill of N units reporting once a second through the real host, lets it
// settle, then measures the page: the share of its main thread spent in long tasks, the longest task, animation
// frames per second, and the time from a click on a board row until the map is drawn centred on that unit.
var units = new Option<int[]>("--units")
{
    Description = "Units in the drill; each count runs on a fresh host, one after another",
    DefaultValueFactory = _ => [100, 500, 2000],
    AllowMultipleArgumentsPerToken = true,
};
var seconds = new Option<int>("--seconds") { Description = "Seconds measured", DefaultValueFactory = _ => 20 };
var settle = new Option<int>("--settle") { Description = "Seconds the page runs before the measurement", DefaultValueFactory = _ => 5 };
var url = new Option<string?>("--url") { Description = "A running host to use (its page is served from there) instead of a fresh Release host per run; needs COMMAND_TOKEN, an admin token of that host, and is slowed by its default rate limits (see README, Browser benchmark)" };
var chromium = new Option<string>("--chromium") { Description = "The browser to drive", DefaultValueFactory = _ => "/usr/bin/chromium" };
var screenshots = new Option<string?>("--screenshots") { Description = "A folder to save what the page showed at the end of each run (live-{units}.png)" };
var profiles = new Option<string?>("--profiles") { Description = "A folder to save a CPU profile of the page over each measured window (live-{units}.cpuprofile, opens in Chrome's DevTools)" };
var link = new Option<string?>("--link") { Description = "Puts the page behind a slow link once it is live, as latency in ms and throughput in kbit/s each way (400,500), and says how late its frames came" };
var root = new RootCommand("Measures the Command dashboard in the browser while a large drill reports.") { units, seconds, settle, url, chromium, screenshots, profiles, link };
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new BenchOptions(parse.GetValue(seconds), parse.GetValue(settle), parse.GetValue(url) is { } given ? new Uri(given) : null, parse.GetValue(chromium)!, parse.GetValue(screenshots), parse.GetValue(profiles),
        parse.GetValue(link) is { } slow ? SlowLink.Parse(slow) : null);
    var runs = new List<BenchFigures>();
    foreach (var count in parse.GetValue(units)!)
    {
        runs.Add(await RunAsync(count, options, cancellationToken));
    }

    BenchFigures.PrintTable(runs);
    return 0;
});
return await root.Parse(args).InvokeAsync();

static async Task<BenchFigures> RunAsync(int count, BenchOptions options, CancellationToken cancellationToken)
{
    // The host serves the page and its libraries from its project folder, as `dotnet run` does.
    Environment.SetEnvironmentVariable("ASPNETCORE_CONTENTROOT", Path.Combine(BenchOptions.RepositoryRoot(), "src", "Command.Host"));
    await using var host = options.Url is null ? await HostProcess.StartAsync() : null;
    var baseUrl = options.Url ?? host!.Url;
    var polite = new PoliteHandler();
    using var http = new HttpClient(polite) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    http.DefaultRequestHeaders.Authorization = new("Bearer", host?.Token ?? HostProcess.TokenFromEnvironment());
    Console.WriteLine($"{count:N0} units: opening the drill on {baseUrl}");
    var drill = BenchDrill.Create(count);
    try
    {
        return await MeasureAsync(count, options, host, http, drill, polite, cancellationToken);
    }
    finally
    {
        // Closed whatever happened, so its units (fresh ids each run anyway) are enrolled nowhere and a host given by --url
        // is left as it was found but for a closed incident in its list.
        await drill.CloseAsync(http);
    }
}

static async Task<BenchFigures> MeasureAsync(int count, BenchOptions options, HostProcess? host, HttpClient http, BenchDrill drill, PoliteHandler polite, CancellationToken cancellationToken)
{
    await drill.OpenAsync(http, cancellationToken);
    if (polite.Waits > 0)
    {
        Console.WriteLine($"{count:N0} units: the host's rate limits held the drill's setup back {polite.Waits:N0} times; see the README to raise them");
    }

    var baseUrl = http.BaseAddress!;

    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    var pump = new ReportPump(http, drill);
    var pumping = pump.RunAsync(stop.Token);
    await using var page = await BenchPage.OpenAsync(baseUrl, http, drill.IncidentId, count, options.Chromium);
    if (options.Link is { } slowLink)
    {
        await page.SlowLinkAsync(slowLink);
        Console.WriteLine($"{count:N0} units: page behind a link of {slowLink.LatencyMs} ms, {slowLink.Kbps} kbit/s");
    }

    Console.WriteLine($"{count:N0} units: page live; settling {options.SettleSeconds} s, then measuring {options.Seconds} s");
    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);

    if (options.Profiles is not null)
    {
        await page.StartProfileAsync();
    }

    await page.StartAsync();
    pump.Restart();
    var hostCpu = host?.Cpu;
    var clock = Stopwatch.StartNew();
    var clicks = 0;
    // A click every four seconds, on a different one of the top rows each time.
    for (var at = TimeSpan.FromSeconds(2); at < TimeSpan.FromSeconds(options.Seconds); at += TimeSpan.FromSeconds(4))
    {
        await Task.Delay(Max(TimeSpan.Zero, at - clock.Elapsed), cancellationToken);
        await page.ClickRowAsync(clicks++ % 5);
    }

    await Task.Delay(Max(TimeSpan.Zero, TimeSpan.FromSeconds(options.Seconds) - clock.Elapsed), cancellationToken);
    var figures = await page.FiguresAsync();
    if (options.Profiles is { } profileFolder)
    {
        await page.StopProfileAsync(Path.Combine(profileFolder, $"live-{count}.cpuprofile"));
    }
    var elapsed = clock.Elapsed;
    var hostShare = host is null ? 0 : (host.Cpu - hostCpu!.Value) / (elapsed * Environment.ProcessorCount);
    var reportRate = pump.Sent / elapsed.TotalSeconds;
    var shown = await page.UnitsShownAsync();
    if (options.Screenshots is { } folder)
    {
        await page.ScreenshotAsync(Path.Combine(folder, $"live-{count}.png"));
    }

    await stop.CancelAsync();
    await pumping;

    var result = new BenchFigures(count, shown, figures.Seconds, figures.BusyShare, figures.LongestTaskMs, figures.FramesPerSecond,
        [.. figures.Clicks.Select(c => c.Ms)], clicks, figures.Clicks.Select(c => c.OffCentrePx).DefaultIfEmpty(0).Max(), reportRate, hostShare, figures.Wire);
    BenchFigures.PrintTable([result]);
    return result;

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
