using Command.Host.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The first run's link on the sign-in page, on a host where nobody can sign in with a password yet (as the link is
/// void once someone can, it has a host of its own).
/// </summary>
public sealed class FirstAdminPageTests(SignInPageTests.BrowserAccessHost host) : IClassFixture<SignInPageTests.BrowserAccessHost>, IAsyncLifetime
{
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

    [Fact]
    public async Task The_first_admin_follows_the_link_sees_only_the_password_form_with_their_name_and_lands_on_the_dashboard()
    {
        var code = await host.FirstRunCodeAsync();
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // Not signed in, the dashboard sends the person to the door, which asks only for a name and a password.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in/"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#first-password")).ToBeHiddenAsync();
        await Expect(page.Locator("#problem")).ToBeHiddenAsync();

        await page.GotoAsync($"/sign-in/#link={code}");
        await Expect(page.Locator("#first-password")).ToBeVisibleAsync();
        await Expect(page.Locator("#first-name")).ToHaveTextAsync("admin");
        await Expect(page.Locator("#sign-in")).ToBeHiddenAsync();
        Assert.DoesNotContain(code, page.Url, StringComparison.Ordinal);

        await page.Locator("#new-password").FillAsync("a long new password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(page.Locator("#signed-in-name")).ToHaveTextAsync("admin");
    }
}
