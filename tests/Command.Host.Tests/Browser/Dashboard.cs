using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>One browser window on the dashboard, with what it logged as errors.</summary>
public sealed class Dashboard : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];

    private Dashboard(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"page: {error}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    public ILocator ConnectionText => Page.Locator("#connection-text");

    public ILocator ActiveFlags => Page.Locator("#active-flags");

    public ILocator Feed => Page.Locator("#feed");

    public ILocator Notice => Page.Locator("#notice");

    /// <summary>The roles a test's person holds unless it names others: everything but admin.</summary>
    public static readonly string[] CrewRoles = ["commander", "controller", "evaluator"];

    /// <summary>
    /// Opens the dashboard on an incident at 1280×720 (or the size given) signed in as the named person (with
    /// <see cref="CrewRoles"/> unless <paramref name="roles"/> says otherwise), in the given time zone, and waits until
    /// it is live; <paramref name="prepare"/> sees the browser context first (to route its traffic, say). With
    /// <paramref name="touch"/>, a tablet's browser: a touch screen (its pointer coarse) at twice the pixels.
    /// </summary>
    public static async Task<Dashboard> OpenAsync(
        DashboardHost host, string incidentId, string actor = "test-commander", Func<IBrowserContext, Task>? prepare = null, string timezoneId = "UTC",
        int width = 1280, int height = 720, string[]? roles = null, bool live = true, bool touch = false)
    {
        var dashboard = await OpenPageAsync(host, $"/?incident={Uri.EscapeDataString(incidentId)}", actor, prepare, timezoneId, width, height, roles, touch);
        if (live)
        {
            await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
            await Expect(dashboard.Page.Locator("#incident-picker")).ToHaveValueAsync(incidentId);
        }

        return dashboard;
    }

    /// <summary>
    /// Opens one of the host's pages at <paramref name="path"/> signed in as the named person, as
    /// <see cref="OpenAsync"/> opens the dashboard, and waits for nothing.
    /// </summary>
    public static async Task<Dashboard> OpenPageAsync(
        DashboardHost host, string path, string actor = "test-commander", Func<IBrowserContext, Task>? prepare = null, string timezoneId = "UTC",
        int width = 1280, int height = 720, string[]? roles = null, bool touch = false)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezoneId,
            HasTouch = touch,
            IsMobile = touch,
            DeviceScaleFactor = touch ? 2 : null,
            // The page follows the system's light or dark preference; these tests read the dark page unless they ask.
            ColorScheme = ColorScheme.Dark,
        });
        await SignInAsync(host, context, actor, roles ?? CrewRoles);
        if (prepare is not null)
        {
            await prepare(context);
        }

        var dashboard = new Dashboard(context, await context.NewPageAsync());
        await dashboard.Page.GotoAsync(path);
        return dashboard;
    }

    /// <summary>Adds the person if need be and signs them in within <paramref name="context"/>, which keeps the session cookie.</summary>
    public static async Task SignInAsync(DashboardHost host, IBrowserContext context, string userName, string[] roles)
    {
        await host.Access.AddPersonAsync(userName, roles);
        var response = await context.APIRequest.PostAsync("/api/auth/sign-in", new APIRequestContextOptions
        {
            DataObject = new { userName, password = Support.TestAccess.Password },
            Headers = new Dictionary<string, string> { ["Origin"] = host.BaseAddress.GetLeftPart(UriPartial.Authority) },
        });
        Assert.True(response.Ok, $"signing in {userName} answered {response.Status}: {await response.TextAsync()}");
    }

    /// <summary>
    /// Stops the page's clock (installed in <see cref="OpenAsync"/>'s <c>prepare</c>, <c>context.Clock.InstallAsync()</c>)
    /// a second on from where it was read: from here the page's timers (a notice's seconds, and the frames it paints) wait
    /// for <c>Page.Clock.ResumeAsync()</c> or <c>RunForAsync</c>, however long the test's own steps take. A second is too
    /// short for the page to take the incident for silent (6.5 s without a frame).
    /// </summary>
    /// <remarks>
    /// <c>PauseAtAsync</c> alone refuses a time the running clock has already passed, and on a busy machine a second could
    /// go by between reading the page's time and stopping it. So the page's time is held first (its timers still run),
    /// the clock is paused at exactly that held time, which cannot have passed, and then let go again, so it moves on
    /// with <c>RunForAsync</c> once more. <paramref name="meanwhile"/> runs between reading the time and stopping it.
    /// </remarks>
    public async Task StopClockAsync(Func<Task>? meanwhile = null)
    {
        var now = await Page.EvaluateAsync<long>("() => Date.now()");
        if (meanwhile is not null)
        {
            await meanwhile();
        }

        var stopAt = DateTimeOffset.FromUnixTimeMilliseconds(now + 1000).UtcDateTime;
        await Page.Clock.SetFixedTimeAsync(stopAt);
        await Page.Clock.PauseAtAsync(stopAt);
        await Page.Clock.SetSystemTimeAsync(stopAt);
    }

    /// <summary>A unit as the map's canvas shows it.</summary>
    public MapUnit Marker(string unitId) => new(Page, unitId);

    public ILocator Row(string unitId) => Page.Locator($"#board-body [data-unit='{unitId}']");

    /// <summary>The board's rows on screen (and a few either side).</summary>
    public ILocator Rows => Page.Locator("#board-body [role='row']");

    /// <summary>The units of the board's rows in the order the board shows them: by the index each row is placed at.</summary>
    public Task<string[]> BoardOrderAsync() =>
        Rows.EvaluateAllAsync<string[]>("rows => rows.sort((a, b) => a.ariaRowIndex - b.ariaRowIndex).map(r => r.dataset.unit)");

    /// <summary>The units of the board's rows in the order the document holds them, which Tab and a screen reader follow.</summary>
    public Task<string[]> BoardDocumentOrderAsync() => Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)");

    public ILocator Threat(string threatId = "T1") => Page.Locator($".threat[data-threat='{threatId}']");

    /// <summary>
    /// Saves a screenshot under the test output folder and, for the README, under docs/screenshots; with a size,
    /// the window is resized first (to a wall display's 1920×1080, say) and stays so.
    /// </summary>
    public async Task ScreenshotAsync(string name, int width = 0, int height = 0)
    {
        if (width > 0)
        {
            await Page.SetViewportSizeAsync(width, height);
        }

        var bytes = await Page.ScreenshotAsync();
        foreach (var folder in Screenshots.Folders())
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
