using Command.Host.Tests.Support;
using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>The real host on loopback plus one headless Chromium, shared by a class of browser tests.</summary>
public class DashboardHost : CommandHost
{
    public DashboardHost()
    {
    }

    protected DashboardHost(IDictionary<string, string?> overrides, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> services)
        : base(overrides, services)
    {
    }

    /// <summary>How long an expectation waits for the page to catch up: frames go out a few times a second.</summary>
    public const float ExpectTimeoutMs = 15_000;

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
