using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

public sealed partial class LiveDashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task The_live_view_shows_every_unit_most_urgent_first_without_console_errors()
    {
        var scene = await Scene.OpenAsync(host, "view");
        await scene.ThreatAsync(0, 100, 15);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        await scene.EnrolAsync("K9", "Perimeter 9", "perimeter");
        await scene.TrackAsync("P2", (-80, -160), (-75, -145), (-70, -130), (-65, -115), (-60, -100), (-55, -85));
        await scene.TrackAsync("M1", (-120, -120), (-119, -120), (-120, -119));
        await scene.TrackAsync("K9", (70, 150), (70, 150), (71, 150));
        await scene.HoldAsync("P1", 20, -40);

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("ACTIVE");
        await Expect(dashboard.Rows).ToHaveCountAsync(4);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("aria-rowindex", "2");
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        await Expect(dashboard.Row("P2")).ToHaveAttributeAsync("data-state", "closing");
        await dashboard.Marker("K9").ToBeDrawnAsync();
        // Every source this host has is listening: no banner, not even an empty one while the page first asks.
        Assert.False(await dashboard.Page.Locator("#sources-down").IsVisibleAsync(), "the sources banner stands with no source down");
        await dashboard.ScreenshotAsync("live.png");
        await dashboard.ScreenshotAsync("live-1920.png", 1920, 1080);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_posted_report_moves_the_unit_marker()
    {
        var scene = await Scene.OpenAsync(host, "move");
        var start = DateTimeOffset.UtcNow;

        // Fixes ten seconds apart: 67 m between them is a run, not a jump the implied-speed check would refuse.
        await scene.ReportAsync("P1", start.AddSeconds(-11), 0, -80);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var before = Scene.Shown(0, -80);
        await dashboard.Marker("P1").ToShowAsync("lat", before.Lat);

        await scene.ReportAsync("P1", start.AddSeconds(-1), 30, -20);

        var after = Scene.Shown(30, -20);
        await dashboard.Marker("P1").ToShowAsync("lat", after.Lat);
        await dashboard.Marker("P1").ToShowAsync("lon", after.Lon);
        Assert.NotEqual(before.Lat, after.Lat);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_holding_contact_unit_shows_its_flag_and_reason_on_the_board_and_the_map()
    {
        var scene = await Scene.OpenAsync(host, "hold");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        await scene.HoldAsync("P1", 0, -60);

        var reason = (await scene.UnitAsync("P1")).GetProperty("flagReason").GetString()!;
        Assert.StartsWith("holding ", reason, StringComparison.Ordinal);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        await Expect(dashboard.Row("P1").Locator(".flag-word")).ToHaveTextAsync("⚠ ALERT");
        await Expect(dashboard.Row("P1").Locator(".reason")).ToHaveTextAsync(reason);
        await Expect(dashboard.Row("P1").Locator(".state-word")).ToHaveTextAsync("■ HOLDING");
        await dashboard.Marker("P1").ToShowAsync("flag", "alert");
        await dashboard.Marker("P1").ToShowAsync("tag", "⚠ ALERT");
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1'] .reason")).ToHaveTextAsync(reason);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_commander_acknowledges_a_flag_in_two_clicks_and_it_is_recorded()
    {
        var scene = await Scene.HeldPatrolAsync(host, "ack");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Reyes");
        var flagged = dashboard.ActiveFlags.Locator("li[data-subject='P1']");
        await Expect(flagged).ToHaveClassAsync("flag-alert");

        await flagged.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ack" }).ClickAsync();
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "hazard reported" }).ClickAsync();

        var recorded = dashboard.Feed.Locator("li[data-type='flag-acknowledged'][data-subject='P1']");
        await Expect(recorded).ToContainTextAsync("hazard reported — Cmdr Reyes");
        await Expect(flagged.Locator(".ack-badge")).ToHaveTextAsync("ACK");
        await Expect(dashboard.Row("P1").Locator(".ack-badge")).ToHaveTextAsync("ACK");
        Assert.True((await scene.UnitAsync("P1")).GetProperty("acknowledged").GetBoolean());
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData("click")]
    [InlineData("Enter")]
    public async Task A_commander_acknowledges_a_flag_with_a_reason_typed_in_words(string how)
    {
        var scene = await Scene.HeldPatrolAsync(host, "ack-other");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Reyes");
        var flagged = dashboard.ActiveFlags.Locator("li[data-subject='P1']");
        await flagged.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ack" }).ClickAsync();

        var other = dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "other…" });
        if (how == "click")
        {
            await other.ClickAsync();
        }
        else
        {
            await other.FocusAsync();
            await dashboard.Page.Keyboard.PressAsync("Enter");
        }

        // The menu asks for the reason, and stays open to take it.
        var typed = dashboard.Page.Locator(".reason-menu input[name='reason']");
        await Expect(typed).ToBeVisibleAsync();
        await Expect(typed).ToBeFocusedAsync();
        await typed.PressSequentiallyAsync("waiting on the breaching tool");
        await dashboard.Page.Keyboard.PressAsync("Enter");

        await Expect(dashboard.Feed.Locator("li[data-type='flag-acknowledged'][data-subject='P1']")).ToContainTextAsync("waiting on the breaching tool — Cmdr Reyes");
        await Expect(dashboard.Page.Locator(".reason-menu:not([hidden])")).ToHaveCountAsync(0);
        Assert.Empty(dashboard.Errors);
    }

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    [InlineData(768, 1024)]
    public async Task The_reason_box_of_an_ack_at_the_screens_right_edge_stands_whole_on_the_screen(int width, int height)
    {
        // The flag cards sit at the right: the box that asks for a reason in words is wider than the menu it replaces.
        var scene = await Scene.HeldPatrolAsync(host, $"ack-edge{width}");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Reyes", width: width, height: height);
        await dashboard.ActiveFlags.Locator("li[data-subject='P1']").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ack" }).ClickAsync();
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "other…" }).ClickAsync();

        var asking = dashboard.Page.Locator(".reason-menu:not([hidden])");
        await Expect(asking.Locator("input[name='reason']")).ToBeFocusedAsync();
        await Expect(asking).ToBeInViewportAsync(new() { Ratio = 1 });
        await asking.Locator("input[name='reason']").FillAsync("waiting on the breaching tool");
        await asking.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Ack" }).ClickAsync();

        await Expect(dashboard.Feed.Locator("li[data-type='flag-acknowledged'][data-subject='P1']")).ToContainTextAsync("waiting on the breaching tool — Cmdr Reyes");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_flags_header_counts_every_flag_shown_and_says_how_many_are_acknowledged()
    {
        var scene = await Scene.OpenAsync(host, "flagcount");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.HoldAsync("P1", 0, -60);
        await scene.HoldAsync("P2", 20, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor");
        var count = dashboard.Page.Locator("#active-count");
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(2);
        await Expect(count).ToHaveTextAsync("2");

        await scene.AcknowledgeAsync("P1", "hazard reported");

        // Acknowledged is "we know", not resolved: the card stands, and so does its count.
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1'] .ack-badge")).ToHaveTextAsync("ACK");
        await Expect(count).ToHaveTextAsync("2 (1 acknowledged)");

        await scene.AcknowledgeAsync("P2", "rendering aid");

        await Expect(dashboard.ActiveFlags.Locator("li .ack-badge")).ToHaveCountAsync(2);
        await Expect(count).ToHaveTextAsync("2 (2 acknowledged)");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_flag_is_acknowledged_from_the_keyboard_and_the_focus_goes_on_to_the_next_flag_to_acknowledge()
    {
        // Every Ack was named "Ack" alike, and Escape, or a reason chosen, left the keyboard at the top of the page: a
        // dispatcher without a mouse tabbed through every control again to reach the next flag.
        var scene = await Scene.OpenAsync(host, "ackkeys");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.HoldAsync("P1", 0, -60);
        await scene.HoldAsync("P2", 20, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor");
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(2);
        var keys = dashboard.Page.Keyboard;
        var first = await dashboard.ActiveFlags.Locator("li").First.GetAttributeAsync("data-subject");
        var (now, next) = first == "P1" ? ("Patrol 1", "Patrol 2") : ("Patrol 2", "Patrol 1");
        var ack = dashboard.ActiveFlags.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new($"^Ack alert: {now}$") });
        var nextAck = dashboard.ActiveFlags.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new($"^Ack alert: {next}$") });
        await Expect(nextAck).ToHaveCountAsync(1);

        await ack.FocusAsync();
        await keys.PressAsync("Enter");
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menu, new() { Name = "Acknowledge because…" })).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "hazard reported" })).ToBeFocusedAsync();
        await keys.PressAsync("Escape");

        await Expect(ack).ToBeFocusedAsync();

        await keys.PressAsync("Enter");
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menuitem, new() { Name = "hazard reported" })).ToBeFocusedAsync();
        await keys.PressAsync("Enter");

        await Expect(dashboard.ActiveFlags.Locator($"li[data-subject='{first}'] .ack-badge")).ToHaveTextAsync("ACK");
        await Expect(nextAck).ToBeFocusedAsync();

        await keys.PressAsync("Enter");
        await keys.PressAsync("Enter");

        await Expect(dashboard.ActiveFlags.Locator("li .ack-badge")).ToHaveCountAsync(2);
        await Expect(dashboard.ActiveFlags).ToBeFocusedAsync();
        await Expect(dashboard.Feed.Locator("li[data-type='flag-acknowledged']")).ToHaveCountAsync(2);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_reasons_an_ack_asks_for_stand_right_after_it_as_a_menu_the_arrow_keys_go_through()
    {
        // The list of reasons was added at the page's end: a screen reader came to it after the whole feed, Tab from it
        // went on to the page's top, the arrow keys did nothing in it, and the Ack did not say it opens a menu.
        var scene = await Scene.HeldPatrolAsync(host, "ackmenu");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor");
        var card = dashboard.ActiveFlags.Locator("li[data-subject='P1']");
        var ack = card.GetByRole(AriaRole.Button, new() { Name = "Ack alert: Patrol 1", Exact = true });
        await Expect(ack).ToHaveAttributeAsync("aria-haspopup", "menu");
        await Expect(ack).ToHaveAttributeAsync("aria-expanded", "false");
        var keys = dashboard.Page.Keyboard;
        var menu = card.GetByRole(AriaRole.Menu, new() { Name = "Acknowledge because…" });
        ILocator Reason(string name) => menu.GetByRole(AriaRole.Menuitem, new() { Name = name, Exact = true });

        await ack.FocusAsync();
        await keys.PressAsync("Enter");

        await Expect(menu).ToBeVisibleAsync();
        Assert.True(await ack.EvaluateAsync<bool>("a => a.nextElementSibling?.getAttribute('role') === 'menu'"), "the menu stands right after its Ack");
        await Expect(ack).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(ack).ToHaveAttributeAsync("aria-controls", (await menu.GetAttributeAsync("id"))!);
        await Expect(Reason("hazard reported")).ToBeFocusedAsync();
        await keys.PressAsync("ArrowDown");
        await Expect(Reason("rendering aid")).ToBeFocusedAsync();
        await keys.PressAsync("End");
        await Expect(Reason("other…")).ToBeFocusedAsync();
        await keys.PressAsync("ArrowDown");
        await Expect(Reason("hazard reported")).ToBeFocusedAsync();
        await keys.PressAsync("ArrowUp");
        await Expect(Reason("other…")).ToBeFocusedAsync();
        await keys.PressAsync("Home");
        await Expect(Reason("hazard reported")).ToBeFocusedAsync();

        // Shift+Tab leaves the menu for the Ack before it, and closes it, as Escape does.
        await keys.PressAsync("Shift+Tab");
        await Expect(ack).ToBeFocusedAsync();
        await Expect(menu).ToBeHiddenAsync();
        await Expect(ack).ToHaveAttributeAsync("aria-expanded", "false");
        await keys.PressAsync("Enter");
        await keys.PressAsync("ArrowDown");
        await Expect(Reason("rendering aid")).ToBeFocusedAsync();
        await keys.PressAsync("Escape");
        await Expect(ack).ToBeFocusedAsync();
        await Expect(menu).ToBeHiddenAsync();

        await keys.PressAsync("Enter");
        await keys.PressAsync("ArrowDown");
        await keys.PressAsync("ArrowDown");
        await Expect(Reason("reassigned")).ToBeFocusedAsync();
        await keys.PressAsync("Enter");

        await Expect(dashboard.Feed.Locator("li[data-type='flag-acknowledged'][data-subject='P1']")).ToContainTextAsync("reassigned — Cmdr Okafor");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_reasons_asked_for_stay_beside_an_ack_whose_card_is_redrawn_with_the_keyboard_where_it_was()
    {
        // Alpha's card is drawn afresh as the units it offers to send instead change: the menu went with the old card.
        var scene = await Scene.OpenAsync(host, "ackredraw");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.TrackAsync("P2", (40, -60));
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.HoldAsync("A1", 0, -40);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor");
        var card = dashboard.ActiveFlags.Locator("li[data-subject='A1']");
        await Expect(card.Locator(".instead button.send")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Patrol 2 · "));
        var ack = card.GetByRole(AriaRole.Button, new() { Name = "Ack alert: Alpha", Exact = true });
        var menu = card.GetByRole(AriaRole.Menu, new() { Name = "Acknowledge because…" });
        var keys = dashboard.Page.Keyboard;
        await ack.FocusAsync();
        await keys.PressAsync("Enter");
        await keys.PressAsync("ArrowDown");
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "rendering aid" })).ToBeFocusedAsync();
        var first = await ack.ElementHandleAsync();

        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("P2", "911 Alert", false, null), "cot:P2@10.20.0.7", TestContext.Current.CancellationToken));

        await Expect(card.Locator(".instead")).ToHaveTextAsync("Nobody free to send instead: Patrol 2, proposed when the flag went up, is no longer free");
        Assert.False(await first.EvaluateAsync<bool>("a => a.isConnected"), "the card was drawn afresh");
        await Expect(menu).ToBeVisibleAsync();
        Assert.True(await ack.EvaluateAsync<bool>("a => a.nextElementSibling?.getAttribute('role') === 'menu'"), "the menu stands right after the new Ack");
        await Expect(ack).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "rendering aid" })).ToBeFocusedAsync();
        await keys.PressAsync("Enter");

        await Expect(dashboard.Feed.Locator("li[data-type='flag-acknowledged'][data-subject='A1']")).ToContainTextAsync("rendering aid — Cmdr Okafor");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_flag_raised_while_watching_is_said_to_a_screen_reader_and_one_raised_before_is_not()
    {
        // Nothing on the page spoke: a dispatcher with a screen reader heard of a new alert only by reading the list again.
        var scene = await Scene.OpenAsync(host, "announce");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.HoldAsync("P2", 20, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P2']")).ToHaveCountAsync(1);
        var said = dashboard.Page.Locator("#flag-announcer");
        await Expect(said).ToHaveAttributeAsync("role", "status");
        await Expect(said).ToHaveTextAsync("");

        await scene.HoldAsync("P1", 0, -60);

        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1']")).ToHaveCountAsync(1);
        await Expect(said).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("⚠ ALERT Patrol 1 holding .+ from the threat"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Each_role_picker_on_the_board_is_named_for_its_unit()
    {
        var scene = await Scene.OpenAsync(host, "rolenames");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("M1", "Medic 1", "medical");
        await scene.TrackAsync("P1", (-80, -160), (-75, -145), (-70, -130));
        await scene.TrackAsync("M1", (-120, -120), (-119, -120), (-120, -119));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Rows).ToHaveCountAsync(2);

        var pickers = dashboard.Page.Locator("#board").GetByRole(Microsoft.Playwright.AriaRole.Combobox);
        await Expect(pickers).ToHaveCountAsync(2);
        await Expect(dashboard.Row("P1").GetByRole(Microsoft.Playwright.AriaRole.Combobox, new() { Name = "Role of Patrol 1", Exact = true })).ToHaveValueAsync("contact");
        await Expect(dashboard.Row("M1").GetByRole(Microsoft.Playwright.AriaRole.Combobox, new() { Name = "Role of Medic 1", Exact = true })).ToHaveValueAsync("medical");
        Assert.Empty(dashboard.Errors);
    }
}
