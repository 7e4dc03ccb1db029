using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Command.BrowserBench;

/// <summary>The command view in Debian's Chromium at 1920×1080, with the probe (PageProbe.js) installed before the page's scripts.</summary>
internal sealed class BenchPage : IAsyncDisposable
{
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IPage page;
    private ICDPSession? profiler;

    private BenchPage(IPlaywright playwright, IBrowser browser, IPage page) => (this.playwright, this.browser, this.page) = (playwright, browser, page);

    /// <summary>The person the page signs in as: an observer, whom the admin client adds (or gives a fresh password).</summary>
    public const string Watcher = "browser-bench";

    /// <summary>Opens the incident signed in as <see cref="Watcher"/>, and waits until the page is live with every unit on its board.</summary>
    public static async Task<BenchPage> OpenAsync(Uri host, HttpClient admin, string incidentId, int units, string chromium)
    {
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not at {chromium}: apt-get install -y chromium, or pass --chromium");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArguments });
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = host.ToString(),
            ViewportSize = new() { Width = 1920, Height = 1080 },
            TimezoneId = "UTC",
        });
        using (var probe = typeof(BenchPage).Assembly.GetManifestResourceStream("PageProbe.js")!)
        using (var reader = new StreamReader(probe))
        {
            await context.AddInitScriptAsync(await reader.ReadToEndAsync());
        }

        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        using (var added = await admin.PostAsJsonAsync("/api/access/people", new { userName = Watcher, password, roles = new[] { "observer" } }))
        {
            if (added.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                (await admin.PutAsJsonAsync($"/api/access/people/{Watcher}/password", new { password })).EnsureSuccessStatusCode();
            }
            else
            {
                added.EnsureSuccessStatusCode();
            }
        }

        var signedIn = await context.APIRequest.PostAsync("/api/auth/sign-in", new()
        {
            DataObject = new { userName = Watcher, password },
            Headers = new Dictionary<string, string> { ["Origin"] = host.GetLeftPart(UriPartial.Authority) },
        });
        if (!signedIn.Ok)
        {
            throw new InvalidOperationException($"signing in {Watcher} answered {signedIn.Status}: {await signedIn.TextAsync()}");
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync($"/?incident={Uri.EscapeDataString(incidentId)}");
        await page.WaitForFunctionAsync(
            "n => document.getElementById('connection-text')?.textContent === 'Live' && document.getElementById('unit-count')?.textContent === String(n)",
            units, new() { Timeout = 120_000f, PollingInterval = 250f });
        return new BenchPage(playwright, browser, page);
    }

    public Task StartAsync() => page.EvaluateAsync("benchProbe.start()");

    /// <summary>Clicks the middle of one of the top board rows, as a dispatcher would; false if the map did not centre within 3 s.</summary>
    public async Task<bool> ClickRowAsync(int row)
    {
        var box = await page.Locator("#board-body [data-unit]").Nth(row).BoundingBoxAsync()
            ?? throw new InvalidOperationException($"board row {row} is not on screen");
        var before = await page.EvaluateAsync<int>("benchProbe.clicks()");
        await page.Mouse.ClickAsync(box.X + (box.Width * 0.55f), box.Y + (box.Height / 2));
        try
        {
            await page.WaitForFunctionAsync("n => benchProbe.clicks() > n", before, new() { Timeout = 3000f, PollingInterval = 50f });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<ProbeFigures> FiguresAsync() =>
        (await page.EvaluateAsync<JsonElement>("benchProbe.figures()")).Deserialize<ProbeFigures>(JsonSerializerOptions.Web)!;

    public async Task<int> UnitsShownAsync() => int.Parse(await page.Locator("#unit-count").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Slows the page's network to <paramref name="link"/> from here on, as Chromium's DevTools do.</summary>
    public async Task SlowLinkAsync(SlowLink link)
    {
        var network = await page.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.enable");
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = link.LatencyMs,
            ["downloadThroughput"] = link.Kbps * 1000 / 8,
            ["uploadThroughput"] = link.Kbps * 1000 / 8,
        });
    }

    public async Task StartProfileAsync()
    {
        profiler = await page.Context.NewCDPSessionAsync(page);
        await profiler.SendAsync("Profiler.enable");
        await profiler.SendAsync("Profiler.start");
    }

    public async Task StopProfileAsync(string path)
    {
        var stopped = await profiler!.SendAsync("Profiler.stop");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, stopped!.Value.GetProperty("profile").GetRawText());
    }

    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await page.ScreenshotAsync(new() { Path = path });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}

/// <summary>What PageProbe.js measured over the window.</summary>
internal sealed record ProbeFigures(double Seconds, double BusyShare, double LongestTaskMs, double FramesPerSecond, ProbeClick[] Clicks, ProbeWire Wire);

/// <summary>
/// What the hub sent the page: the whole picture it joined with (its bytes and units), and the frames over the window
/// (how many, their bytes and the units they carried); how late after its own time the latest of them came, and the latest
/// of any, and what the page said of its connection at the end.
/// </summary>
internal sealed record ProbeWire(long SnapshotBytes, int SnapshotUnits, long FrameBytes, long FrameUnits, int Frames, double LatestAgeMs, double OldestAgeMs, string Said)
{
    public double SnapshotBytesPerUnit => SnapshotBytes / Math.Max(1.0, SnapshotUnits);

    public double FrameBytesPerUnit => FrameBytes / Math.Max(1.0, FrameUnits);
}

/// <summary>One click on a board row: how long until the map was drawn centred, and how far off centre the unit then was.</summary>
internal sealed record ProbeClick(string UnitId, double Ms, double OffCentrePx);
