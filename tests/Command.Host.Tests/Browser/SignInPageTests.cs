using Command.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>The sign-in page as a person at the door sees it: one form at a time, and where signing in leads.</summary>
public sealed class SignInPageTests(SignInPageTests.BrowserAccessHost host) : IClassFixture<SignInPageTests.BrowserAccessHost>, IAsyncLifetime
{
    /// <summary>The access clock starts at the browser's own time, so the session cookie is not expired on arrival.</summary>
    public sealed class BrowserAccessHost() : AccessHost(DateTimeOffset.UtcNow);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(DashboardHost.ExpectTimeoutMs);
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    [Theory]
    [InlineData("Cmdr Reyes", "", "password: the password is required", "password")]
    [InlineData("", "a long password", "userName: the user name to sign in as is required", "user-name")]
    [InlineData("", "", "2 fields are invalid (userName: the user name to sign in as is required; password: the password is required)", "user-name password")]
    public async Task A_field_left_empty_is_named_with_why_and_marked(string userName, string password, string said, string marked)
    {
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in/");
        await page.Locator("#user-name").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#problem")).ToHaveTextAsync(said);
        await Expect(page.Locator("#sign-in [aria-invalid='true']")).ToHaveCountAsync(marked.Split(' ').Length);
        foreach (var id in marked.Split(' '))
        {
            await Expect(page.Locator($"#{id}")).ToHaveAttributeAsync("aria-invalid", "true");
        }
    }

    // The browser drops tabs and line breaks from an address before reading it, so "/\t/evil.example/" is
    // "//evil.example/": another site, where a page dressed as this one asks for the password again.
    [Theory]
    [InlineData("%09")]
    [InlineData("%0A")]
    [InlineData("%0D")]
    [InlineData("")]
    public async Task A_return_address_that_reads_as_another_site_lands_on_the_dashboard_instead(string dropped)
    {
        await new TestAccess(host).AddPersonAsync("Sgt Return", "observer");
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.RouteAsync("http://evil.example/**", route => route.FulfillAsync(new() { Status = 200, Body = "another site" }));
        await page.GotoAsync($"/sign-in/?return=/{dropped}/evil.example/");

        await page.Locator("#user-name").FillAsync("Sgt Return");
        await page.Locator("#password").FillAsync(TestAccess.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#signed-in-name")).ToHaveTextAsync("Sgt Return");
        Assert.StartsWith(host.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_address_on_this_site_is_where_signing_in_lands()
    {
        await new TestAccess(host).AddPersonAsync("Sgt Return", "observer");
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/sign-in/?return={Uri.EscapeDataString("/access/")}");

        await page.Locator("#user-name").FillAsync("Sgt Return");
        await page.Locator("#password").FillAsync(TestAccess.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync($"{host.BaseAddress}access/");
    }
}
