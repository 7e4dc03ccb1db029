using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The access page, opened from the name of whoever is signed in: everyone changes their own password there; an admin
/// also manages people, tokens, Traccar Client devices and sign-in lock-outs without a shell.
/// </summary>
public sealed partial class LiveDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_s_own_set_password_leads_to_the_form_that_asks_for_the_current_one_not_a_box_typed_once()
    {
        var scene = await Scene.OpenAsync(host, "access-own-password");
        await using var page = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Admin Kim", roles: ["admin"]);
        await page.Page.GotoAsync("/access/");
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);

        await page.Page.Locator("#people tr[data-person='Admin Kim']").GetByRole(AriaRole.Button, new() { Name = "Set password…" }).ClickAsync();

        await Expect(page.Page.Locator("#own-password-form [name=currentPassword]")).ToBeFocusedAsync();
        await Expect(page.Page.Locator("#people tr.password-row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Roles_saved_from_a_row_another_admin_changed_since_are_refused_and_the_row_shown_as_it_stands()
    {
        var scene = await Scene.OpenAsync(host, "access-stale-roles");
        await host.Access.AddPersonAsync("Sgt Mbeki", "commander");
        await using var page = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Admin Ngata", roles: ["admin"]);
        await page.Page.GotoAsync("/access/");
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        var mbeki = page.Page.Locator("#people tr[data-person='Sgt Mbeki']");
        await Expect(mbeki.GetByLabel("commander", new() { Exact = true })).ToBeCheckedAsync();

        // Another admin demotes them while this page still shows them commander; this one adds evaluator to what it shows.
        (await host.Client.PutAsJsonAsync("/api/access/people/Sgt%20Mbeki/roles", new { roles = new[] { "observer" } }, Ct)).EnsureSuccessStatusCode();
        await mbeki.GetByLabel("evaluator", new() { Exact = true }).CheckAsync();
        await mbeki.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();

        await Expect(page.Notice).ToContainTextAsync("'Sgt Mbeki' holds observer now, not commander as this change was made from");
        await Expect(mbeki.GetByLabel("observer", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(mbeki.GetByLabel("commander", new() { Exact = true })).Not.ToBeCheckedAsync();
        Assert.Equal(["observer"], (await RolesAsync("Sgt Mbeki"))!);
        OnlyRefused(page, 409);
    }

    [Fact]
    public async Task An_admin_adds_a_person_changes_their_roles_and_password_and_removes_them_from_the_access_page()
    {
        var scene = await Scene.OpenAsync(host, "access-admin");
        await using var page = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Admin Lee", roles: ["admin"]);
        await page.Page.Locator("#signed-in-name").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/access/$"));
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        var people = page.Page.Locator("#people");
        await Expect(people.Locator("tr[data-person='Admin Lee']")).ToHaveCountAsync(1);

        // A name that reads as another person's is refused beside the form, in the host's words.
        var add = people.Locator("#add-person");
        await add.Locator("[name=userName]").FillAsync("admin lee");
        await add.Locator("[name=password]").FillAsync("a long enough password");
        await add.GetByLabel("commander", new() { Exact = true }).CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(add.Locator(".problem")).ToContainTextAsync("someone is already called 'Admin Lee', which reads as the same person as 'admin lee'");

        await add.Locator("[name=userName]").FillAsync("Sgt Okafor");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        var reyes = people.Locator("tr[data-person='Sgt Okafor']");
        await Expect(reyes).ToHaveCountAsync(1);
        await Expect(add.Locator(".problem")).ToBeHiddenAsync();
        Assert.Equal(["commander"], (await RolesAsync("Sgt Okafor"))!);
        Assert.Equal(HttpStatusCode.OK, (await host.Access.SignInResponseAsync("Sgt Okafor", "a long enough password")).StatusCode);

        // Roles: saved only once changed.
        var save = reyes.GetByRole(AriaRole.Button, new() { Name = "Save roles" });
        await Expect(save).ToBeDisabledAsync();
        await reyes.GetByLabel("controller", new() { Exact = true }).CheckAsync();
        await save.ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Roles of Sgt Okafor set to commander, controller: their sessions ended");
        Assert.Equal(["commander", "controller"], (await RolesAsync("Sgt Okafor"))!);

        // A password too short is refused where it was typed, the field marked; a good one is set.
        await reyes.GetByRole(AriaRole.Button, new() { Name = "Set password…" }).ClickAsync();
        var password = people.Locator("tr.password-row form");
        await password.Locator("[name=password]").FillAsync("short");
        await password.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(password.Locator(".problem")).ToContainTextAsync("a password is 10-256 characters");
        await Expect(password.Locator("[name=password]")).ToHaveAttributeAsync("aria-invalid", "true");
        await password.Locator("[name=password]").FillAsync("another long password");
        await password.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Password of Sgt Okafor set");
        Assert.Equal(HttpStatusCode.OK, (await host.Access.SignInResponseAsync("Sgt Okafor", "another long password")).StatusCode);

        // Removing asks once more.
        var remove = reyes.GetByRole(AriaRole.Button, new() { Name = "Remove" });
        await remove.ClickAsync();
        await Expect(reyes.GetByRole(AriaRole.Button, new() { Name = "Remove Sgt Okafor?" })).ToBeVisibleAsync();
        Assert.NotNull(await RolesAsync("Sgt Okafor"));
        await reyes.GetByRole(AriaRole.Button, new() { Name = "Remove Sgt Okafor?" }).ClickAsync();
        await Expect(reyes).ToHaveCountAsync(0);
        Assert.Null(await RolesAsync("Sgt Okafor"));

        await page.Page.EvaluateAsync("() => scrollTo(0, 0)");
        await page.ScreenshotAsync("access-page.png");
        OnlyRefused(page, 409, 400);
    }

    [Fact]
    public async Task An_admin_issues_a_device_token_and_a_traccar_identifier_sees_each_once_and_revokes_them()
    {
        await using var page = await Dashboard.OpenPageAsync(host, "/access/", actor: "Admin Lee", roles: ["admin"]);
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);

        var tokens = page.Page.Locator("#tokens");
        var issue = tokens.Locator("#issue-token");
        await issue.Locator("[name=name]").FillAsync("tracker-m1");
        await issue.GetByLabel("device", new() { Exact = true }).CheckAsync();
        await issue.GetByLabel("commander", new() { Exact = true }).CheckAsync();
        await issue.Locator("[name=units]").FillAsync("M1, M2");
        await issue.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        // A device token holds the device role alone: refused beside the form.
        await Expect(issue.Locator(".problem")).ToContainTextAsync("device");
        await issue.GetByLabel("commander", new() { Exact = true }).UncheckAsync();
        await issue.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        var secret = tokens.Locator("#token-issued .secret-text");
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^cmd_"));
        var token = await secret.InputValueAsync();
        var row = tokens.Locator("tr", new() { HasText = "tracker-m1" });
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("M1, M2");
        using (var client = host.ClientWith(token))
        {
            // It may report, and nothing else.
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/incidents", Ct)).StatusCode);
        }

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke tracker-m1?" }).ClickAsync();
        await Expect(row).ToHaveClassAsync("revoked");
        using (var client = host.ClientWith(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/incidents", Ct)).StatusCode);
        }

        var devices = page.Page.Locator("#devices");
        var device = devices.Locator("#add-device");
        await device.Locator("[name=name]").FillAsync("medic-1-phone");
        await device.Locator("[name=unitId]").FillAsync("M1");
        await device.GetByRole(AriaRole.Button, new() { Name = "Issue identifier" }).ClickAsync();
        await Expect(devices.Locator("#device-issued .secret-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{24}$"));
        var phone = devices.Locator("tr", new() { HasText = "medic-1-phone" });
        await Expect(phone.Locator("td").Nth(1)).ToHaveTextAsync("M1");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Revoke medic-1-phone?" }).ClickAsync();
        await Expect(phone).ToHaveClassAsync("revoked");
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/devices", Ct);
        Assert.Contains(listed.EnumerateArray(), d => d.GetProperty("name").GetString() == "medic-1-phone" && d.GetProperty("revokedAt").ValueKind == JsonValueKind.String);
        OnlyRefused(page, 400);
    }

    [Fact]
    public async Task An_admin_lifts_a_sign_in_lock_out_from_the_access_page()
    {
        await using var page = await Dashboard.OpenPageAsync(host, "/access/", actor: "Admin Lee", roles: ["admin"]);
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        var lockouts = page.Page.Locator("#lockouts");
        await Expect(lockouts.Locator("tbody")).ToHaveTextAsync("No address is shut out.");
        try
        {
            // Five failures from this machine shut its address out (the fifth is answered so); the page already open
            // stays signed in.
            var answers = new List<HttpStatusCode>();
            while (answers.LastOrDefault() != HttpStatusCode.TooManyRequests && answers.Count < 5)
            {
                answers.Add((await host.Access.SignInResponseAsync("Admin Lee", "not the password")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);

            await lockouts.GetByRole(AriaRole.Button, new() { Name = "Look again" }).ClickAsync();
            var row = lockouts.Locator("tr[data-address='127.0.0.1']");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("5");
            await row.GetByRole(AriaRole.Button, new() { Name = "Lift" }).ClickAsync();
            await Expect(page.Notice).ToContainTextAsync("127.0.0.1 may sign in again");
            await Expect(lockouts.Locator("tbody")).ToHaveTextAsync("No address is shut out.");
            Assert.Equal(HttpStatusCode.OK, (await host.Access.SignInResponseAsync("Admin Lee", Support.TestAccess.Password)).StatusCode);
        }
        finally
        {
            // The class's other tests sign in from this address.
            await host.Client.DeleteAsync("/api/access/lockouts/127.0.0.1", Ct);
        }

        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_commander_changes_their_own_password_and_sees_nothing_of_other_people_s_access()
    {
        await using var page = await Dashboard.OpenPageAsync(host, "/access/", actor: "Cmdr Ito", roles: ["commander"]);
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        foreach (var section in new[] { "#people", "#tokens", "#devices", "#lockouts" })
        {
            await Expect(page.Page.Locator(section)).ToBeHiddenAsync();
        }

        var form = page.Page.Locator("#own-password-form");
        await form.Locator("[name=currentPassword]").FillAsync(Support.TestAccess.Password);
        await form.Locator("[name=newPassword]").FillAsync("a brand new password");
        await form.Locator("[name=again]").FillAsync("a brand new pasword");
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(form.Locator(".problem")).ToHaveTextAsync("The new password and its repetition differ");
        await Expect(form.Locator("[name=again]")).ToHaveAttributeAsync("aria-invalid", "true");

        await form.Locator("[name=again]").FillAsync("a brand new password");
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Your password is changed");
        await Expect(form.Locator(".problem")).ToBeHiddenAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Access.SignInResponseAsync("Cmdr Ito", "a brand new password")).StatusCode);
        // This page's session carries on: it still reads who is signed in.
        await page.Page.ReloadAsync();
        await Expect(page.Page.Locator("#signed-in-name")).ToHaveTextAsync("Cmdr Ito");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_access_page_of_a_person_whose_roles_change_goes_to_sign_in_told_why_but_not_for_their_own_new_password()
    {
        await using var page = await Dashboard.OpenPageAsync(host, "/access/", actor: "Cmdr Soto", roles: ["commander"]);
        await Expect(page.Page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        // Their own password changed here ends their other sessions, and this one carries on, watched with its new cookie.
        var form = page.Page.Locator("#own-password-form");
        await form.Locator("[name=currentPassword]").FillAsync(Support.TestAccess.Password);
        await form.Locator("[name=newPassword]").FillAsync("a brand new password");
        await form.Locator("[name=again]").FillAsync("a brand new password");
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Notice).ToContainTextAsync("Your password is changed");
        await Expect(page.Page).ToHaveURLAsync($"{host.BaseAddress}access/");

        // An admin makes them an observer: the page is told at once, not at its next call, and says why.
        using var demoted = await host.Client.PutAsJsonAsync("/api/access/people/Cmdr%20Soto/roles", new { roles = new[] { "observer" } }, Ct);

        await Expect(page.Page).ToHaveURLAsync($"{host.BaseAddress}sign-in/?return={Uri.EscapeDataString("/access/")}");
        await Expect(page.Page.Locator("#problem")).ToHaveTextAsync("You were signed out: 'Cmdr Soto' had their roles or password changed. Sign in again.");
        Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
    }

    // The page logged nothing but the refusals the test made it send, one of each status given, in order.
    private static void OnlyRefused(Dashboard page, params int[] statuses) =>
        Assert.Equal([.. statuses.Select(s => $"status of {s}")], page.Errors.Select(e => System.Text.RegularExpressions.Regex.Match(e, "status of [0-9]+").Value));

    // The roles a person holds, as the host lists them; null when nobody has that name.
    private async Task<string[]?> RolesAsync(string userName)
    {
        var people = await host.Client.GetFromJsonAsync<JsonElement>("/api/access/people", Ct);
        return people.EnumerateArray().FirstOrDefault(p => p.GetProperty("userName").GetString() == userName) is { ValueKind: JsonValueKind.Object } person
            ? [.. person.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)]
            : null;
    }
}
