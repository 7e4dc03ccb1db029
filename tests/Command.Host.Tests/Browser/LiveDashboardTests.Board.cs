using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>The board dispatch reads: most urgent first, and one role at a time when asked.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task The_board_puts_alerts_then_watches_then_stale_units_first_then_the_nearest_and_filters_by_role()
    {
        var scene = await Scene.OpenAsync(host, "urgency");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.EnrolAsync("W1", "Whiskey", "contact");
        await scene.EnrolAsync("S1", "Sierra", "contact");
        await scene.EnrolAsync("K9", "Kilo", "perimeter");
        await scene.EnrolAsync("P2", "Papa", "contact");
        await scene.EnrolAsync("M1", "Mike", "medical");
        await scene.HoldAsync("A1", 0, -60);
        await scene.TrackAsync("W1", (40, -100), (40, -100), (40, -100), (40, -100), (40, -100), (40, -100));
        var silentSince = DateTimeOffset.UtcNow.AddSeconds(-60);
        await scene.ReportAsync("S1", silentSince.AddSeconds(-20), 120, 0);
        await scene.ReportAsync("S1", silentSince.AddSeconds(-10), 120, 5);
        await scene.ReportAsync("S1", silentSince, 120, 10);
        await scene.TrackAsync("K9", (70, 150), (70, 150), (71, 150));
        await scene.TrackAsync("P2", (-80, -160), (-75, -145), (-70, -130), (-65, -115), (-60, -100), (-55, -85));
        await scene.TrackAsync("M1", (-120, -120), (-119, -120), (-120, -119));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var rows = dashboard.Rows;

        await Expect(dashboard.Row("W1")).ToHaveAttributeAsync("data-flag", "watch");
        await Expect(dashboard.Row("S1")).ToHaveAttributeAsync("data-state", "stale");
        // Kilo is 87 m from the threat, Papa 193 m, Mike 250 m.
        await Expect(rows).ToHaveCountAsync(6);
        Assert.Equal(["A1", "W1", "S1", "K9", "P2", "M1"], await dashboard.BoardOrderAsync());

        await dashboard.Page.Locator("#role-filter").SelectOptionAsync("Contact");

        await Expect(rows).ToHaveCountAsync(4);
        Assert.Equal(["A1", "W1", "S1", "P2"], await dashboard.BoardOrderAsync());
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync("4 of 6");
        Assert.Empty(dashboard.Errors);
    }
    [Fact]
    public async Task The_flag_list_and_the_board_put_a_units_911_then_flags_nobody_acknowledged_then_acknowledged_ones_first()
    {
        // The flag list put an unacknowledged watch above an acknowledged alert where the board did the opposite, and a
        // flagged unit's own 911 alert, first on the board, in among the watches: a dispatcher reading down either
        // went to another unit first.
        var scene = await Scene.OpenAsync(host, "flagorder");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.EnrolAsync("B1", "Bravo", "contact");
        await scene.EnrolAsync("W1", "Whiskey", "contact");
        await scene.EnrolAsync("E1", "Echo", "contact");
        await scene.HoldAsync("A1", 0, -60);
        await scene.HoldAsync("B1", 0, -150);
        await scene.TrackAsync("W1", (40, -100), (40, -100), (40, -100), (40, -100), (40, -100), (40, -100));
        await scene.TrackAsync("E1", (-40, -180), (-40, -180), (-40, -180), (-40, -180), (-40, -180), (-40, -180));
        await scene.AcknowledgeAsync("A1", "reassigned");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("W1")).ToHaveAttributeAsync("data-flag", "watch");
        await Expect(dashboard.Row("E1")).ToHaveAttributeAsync("data-flag", "watch");
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();

        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("E1", "911 Alert", false, null), "cot:E1@10.20.0.7", TestContext.Current.CancellationToken));

        await Expect(dashboard.Row("E1").Locator(".alarm-badge")).ToHaveTextAsync("⚠ 911 ALERT");
        await Expect(dashboard.ActiveFlags.Locator("li").First).ToHaveAttributeAsync("data-subject", "E1");
        string[] expected = ["E1", "B1", "W1", "A1"];
        Assert.Equal(expected, await dashboard.BoardOrderAsync());
        var listed = await dashboard.ActiveFlags.Locator("li").EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.subject)");
        Assert.Equal(expected, listed);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_boards_rows_stand_in_the_document_as_they_are_shown_so_tab_goes_down_the_board_and_keeps_its_place()
    {
        // Rows were placed on screen by their index alone: a unit that rose to the top stayed last in the document, so
        // Tab and a screen reader went through the board in another order than the eye.
        var scene = await Scene.OpenAsync(host, "docorder");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.EnrolAsync("P3", "Patrol 3", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Rows).ToHaveCountAsync(3);
        Assert.Equal(["P1", "P2", "P3"], await dashboard.BoardOrderAsync());

        await scene.HoldAsync("P3", 0, -60);

        await Expect(dashboard.Row("P3")).ToHaveAttributeAsync("aria-rowindex", "2");
        Assert.Equal(["P3", "P1", "P2"], await dashboard.BoardOrderAsync());
        Assert.Equal(["P3", "P1", "P2"], await dashboard.BoardDocumentOrderAsync());
        var keys = dashboard.Page.Keyboard;
        await dashboard.Row("P3").Locator("select").FocusAsync();
        await keys.PressAsync("Tab");
        await Expect(dashboard.Row("P1").Locator("select")).ToBeFocusedAsync();
        await keys.PressAsync("Tab");
        await Expect(dashboard.Row("P2").Locator("select")).ToBeFocusedAsync();

        // The row being used rises to the top with its unit, and keeps the focus: the others move around it.
        await scene.HoldAsync("P2", 0, -40);

        await Expect(dashboard.Row("P2")).ToHaveAttributeAsync("aria-rowindex", "2");
        Assert.Equal(["P2", "P3", "P1"], await dashboard.BoardDocumentOrderAsync());
        await Expect(dashboard.Row("P2").Locator("select")).ToBeFocusedAsync();
        await keys.PressAsync("Tab");
        await Expect(dashboard.Row("P3").Locator("select")).ToBeFocusedAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_released_from_its_rows_role_picker_with_a_reason_leaves_the_board_and_its_flag_and_the_feed_says_so()
    {
        // Whiskey's radio was caught by this drill and is flagged for standing off; the commander lets him go.
        var scene = await Scene.OpenAsync(host, "release");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("W1", "Whiskey", "contact");
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.HoldAsync("W1", 40, -100);
        await scene.HoldAsync("A1", 0, 60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"]);
        await Expect(dashboard.Row("W1")).ToHaveAttributeAsync("data-flag", "alert");
        await Expect(dashboard.ActiveFlags.Locator("[data-subject='W1']")).ToHaveCountAsync(1);

        await dashboard.Row("W1").Locator("select").SelectOptionAsync("release");
        await Expect(dashboard.Row("W1").Locator("select")).ToHaveValueAsync("contact");
        await dashboard.ScreenshotAsync("unit-release-asked.png");
        await dashboard.Page.Locator(".reason-menu [data-reason='enrolled in the wrong incident']").ClickAsync();

        await Expect(dashboard.Row("W1")).ToHaveCountAsync(0);
        await Expect(dashboard.Row("A1")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#unit-count")).ToHaveTextAsync("1");
        await Expect(dashboard.ActiveFlags.Locator("[data-subject='W1']")).ToHaveCountAsync(0);
        await Expect(dashboard.Feed.Locator("li.unit-released")).ToContainTextAsync("RELEASEDWhiskeylet go from this incident: enrolled in the wrong incident — Cmdr Okafor");
        await Expect(dashboard.Notice).ToContainTextAsync("Whiskey released from this incident (enrolled in the wrong incident)");
        await dashboard.ScreenshotAsync("unit-released.png");

        // A page opened afterwards reads the release back from the recording, by the callsign the unit had.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li.unit-released")).ToContainTextAsync("RELEASEDWhiskeylet go from this incident: enrolled in the wrong incident — Cmdr Okafor");
        await Expect(later.Rows).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
        Assert.Empty(later.Errors);
    }

    [Fact]
    public async Task The_reasons_a_release_asks_for_stay_beside_the_row_as_its_unit_moves_down_the_board()
    {
        // The rows move as units re-rank: the menu stayed where it opened, beside another unit's row, and a commander
        // reading the board took it for that unit's release.
        var scene = await Scene.OpenAsync(host, "releasemoves");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"]);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("aria-rowindex", "2");
        var picker = dashboard.Row("P1").Locator("select");
        await picker.SelectOptionAsync("release");
        var menu = dashboard.Row("P1").GetByRole(Microsoft.Playwright.AriaRole.Menu, new() { Name = "Release Patrol 1 from this incident because…" });
        await Expect(menu).ToBeVisibleAsync();
        const string Beside = "m => { const a = m.previousElementSibling.getBoundingClientRect(), b = m.getBoundingClientRect(); return Math.round(b.top - a.bottom); }";
        Assert.Equal(4, await menu.EvaluateAsync<int>(Beside));

        await scene.HoldAsync("P2", 0, -60);

        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("aria-rowindex", "3");
        await Expect(menu).ToBeVisibleAsync();
        Assert.Equal(4, await menu.EvaluateAsync<int>(Beside));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_release_menu_names_its_unit_and_closes_once_its_row_leaves_the_boards_view_the_keyboard_going_with_the_unit()
    {
        // Named "Release from this incident because…", the menu did not say which unit it let go; and once its unit re-ranked
        // off the board's screen, it stood open beside nothing, over the map, still asking.
        var scene = await Scene.OpenAsync(host, "releaseaway");
        await scene.ThreatAsync(0, 100);
        for (var i = 1; i <= 8; i++)
        {
            await scene.EnrolAsync($"P{i}", $"Patrol {i}", "contact");
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Okafor", roles: ["commander"], width: 1366, height: 768);
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("aria-rowindex", "2");
        await dashboard.Row("P1").Locator("select").SelectOptionAsync("release");
        var menu = dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Menu, new() { Name = "Release Patrol 1 from this incident because…" });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(menu.GetByRole(Microsoft.Playwright.AriaRole.Menuitem).First).ToBeFocusedAsync();
        var onScreen = await dashboard.Page.Locator("#board-scroll").EvaluateAsync<int>("s => Math.floor((s.clientHeight - document.getElementById('board-body').offsetTop) / document.querySelector('#board-body [role=row]').offsetHeight)");
        Assert.InRange(onScreen, 2, 6);

        for (var i = 2; i <= onScreen + 2; i++)
        {
            await scene.HoldAsync($"P{i}", 0, -20 - i);
        }

        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("aria-rowindex", $"{onScreen + 3}");
        await Expect(menu).ToBeHiddenAsync();
        await Expect(dashboard.Row("P1")).ToBeFocusedAsync();
        await Expect(dashboard.Row("P1")).ToBeInViewportAsync();
        await Expect(dashboard.Row("P1").Locator("select")).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Equal("contact", (await scene.UnitAsync("P1")).GetProperty("role").GetString());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_dense_board_on_a_laptop_shows_enough_of_a_flags_reason_to_read_and_the_whole_of_it_on_the_row_the_keyboard_is_on()
    {
        // Dense at 1366 px, the flag and state words left the reason two letters ("HOLDING h…"): the whole of it was only in
        // the flag list and on hover, out of a keyboard's reach.
        var scene = await Scene.OpenAsync(host, "densereason");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.EnrolAsync("B2", "Bravo", "contact");
        await scene.HoldAsync("A1", 0, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1366, height: 768);
        await dashboard.Page.Locator("#board-density").ClickAsync();
        var row = dashboard.Row("A1");
        await Expect(row).ToHaveAttributeAsync("data-flag", "alert");
        var reason = row.Locator(".status .reason");
        var said = await reason.GetAttributeAsync("title");
        Assert.StartsWith("holding ", said);
        await Expect(reason).ToHaveTextAsync(said!);

        // Shown: its first five words at least ("holding 17 s at 160"), cut with an ellipsis where the rest does not fit.
        const string Shown = """
            r => {
              const words = r.textContent.split(' ').slice(0, 5).join(' ');
              const range = document.createRange();
              range.setStart(r.firstChild, 0);
              range.setEnd(r.firstChild, words.length);
              return { need: Math.ceil(range.getBoundingClientRect().width), have: r.clientWidth, whole: r.scrollWidth <= r.clientWidth + 1, ellipsis: getComputedStyle(r).textOverflow };
            }
            """;
        var cut = await reason.EvaluateAsync<System.Text.Json.JsonElement>(Shown);
        Assert.True(cut.GetProperty("need").GetInt32() <= cut.GetProperty("have").GetInt32(), $"the reason shows {cut.GetProperty("have")} px of the {cut.GetProperty("need")} its first words need");
        Assert.Equal("ellipsis", cut.GetProperty("ellipsis").GetString());
        var numbers = await row.Locator(".num").EvaluateAllAsync<bool[]>("cells => cells.map(c => c.scrollWidth <= c.clientWidth + 1)");
        Assert.All(numbers, Assert.True);

        await dashboard.Page.Keyboard.PressAsync("Tab");
        await Expect(row).ToBeFocusedAsync();

        var whole = await reason.EvaluateAsync<System.Text.Json.JsonElement>(Shown);
        Assert.True(whole.GetProperty("whole").GetBoolean(), "the row the keyboard is on shows its whole reason");
        await Expect(reason).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_dense_boards_last_row_on_screen_shows_the_whole_of_its_reason_inside_the_board_when_the_keyboard_is_on_it()
    {
        // The whole reason opens in a box under the row the keyboard is on: on the last row on screen the board's bottom
        // edge cut the box off, and a dispatcher going down the board read the first line of it.
        var scene = await Scene.OpenAsync(host, "densebottom");
        await scene.ThreatAsync(0, 100);
        for (var i = 1; i <= 16; i++)
        {
            await scene.EnrolAsync($"H{i:00}", $"Hotel {i}", "contact");
            await scene.HoldAsync($"H{i:00}", 0, -40 - (5 * i));
        }

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1366, height: 768);
        await dashboard.Page.Locator("#board-density").ClickAsync();
        await Expect(dashboard.Page.Locator("#board-body [data-flag='alert']")).Not.ToHaveCountAsync(0);
        var onScreen = await dashboard.Page.Locator("#board-scroll").EvaluateAsync<int>("s => Math.floor((s.clientHeight - document.getElementById('board-body').offsetTop) / document.querySelector('#board-body [role=row]').offsetHeight)");
        Assert.InRange(onScreen, 3, 14);
        var order = await dashboard.BoardOrderAsync();
        await dashboard.Row(order[0]).FocusAsync();
        for (var i = 1; i < onScreen; i++)
        {
            await dashboard.Page.Keyboard.PressAsync("ArrowDown");
        }

        var row = dashboard.Row(order[onScreen - 1]);
        await Expect(row).ToBeFocusedAsync();
        await Expect(row).ToHaveAttributeAsync("data-flag", "alert");
        await Expect(row).ToBeInViewportAsync(new() { Ratio = 1 });
        var reason = row.Locator(".status .reason");
        await Expect(reason).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^holding "));

        // Whole, inside the board below its head, and beside the row rather than over it.
        await Expect(reason).ToBeInViewportAsync(new() { Ratio = 1 });
        const string Placed = """
            r => {
              const box = r.getBoundingClientRect(), words = r.closest('[role=row]').querySelector('.flag-word').getBoundingClientRect();
              const scroller = document.getElementById('board-scroll'), head = document.querySelector('.board-head').getBoundingClientRect();
              const bottom = scroller.getBoundingClientRect().top + scroller.clientTop + scroller.clientHeight;
              const whole = r.scrollHeight <= r.clientHeight + 1 && r.scrollWidth <= r.clientWidth + 1;
              const inside = box.top >= head.bottom - 0.5 && box.bottom <= bottom + 0.5;
              return `whole ${whole}, inside the board ${inside}, off the row's words ${box.bottom <= words.top + 0.5 || box.top >= words.bottom - 0.5}`;
            }
            """;
        const string Right = "whole true, inside the board true, off the row's words true";
        Assert.Equal(Right, await reason.EvaluateAsync<string>(Placed));

        // The first row on screen keeps it under itself, where there is room.
        await dashboard.Page.Keyboard.PressAsync("Home");
        var first = dashboard.Row(order[0]).Locator(".status .reason");
        await Expect(dashboard.Row(order[0])).ToBeFocusedAsync();
        Assert.Equal(Right, await first.EvaluateAsync<string>(Placed));
        Assert.True(await first.EvaluateAsync<bool>("r => r.getBoundingClientRect().top >= r.closest('[role=row]').querySelector('.flag-word').getBoundingClientRect().bottom"), "the first row's reason opened above it, under the board's head");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_dense_board_on_a_laptop_keeps_the_end_of_each_callsign_whole_so_units_named_alike_read_apart()
    {
        // Dense at 1366 px the callsign's column left "Patrol 170" and "Patrol 158" both as "Pa… 1…": the number that tells
        // them apart was cut as well as the word they share.
        var scene = await Scene.OpenAsync(host, "denseends");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P170", "Patrol 170", "contact");
        await scene.EnrolAsync("P158", "Patrol 158", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, width: 1366, height: 768);
        await dashboard.Page.Locator("#board-density").ClickAsync();
        await Expect(dashboard.Page.Locator("#board")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdense\b"));

        foreach (var unit in new[] { "P170", "P158" })
        {
            var end = dashboard.Row(unit).Locator(".callsign b .end");
            await Expect(end).ToHaveTextAsync($" {unit[1..]}");
            Assert.True(await end.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"the end of {unit}'s callsign is cut");
            Assert.True(await dashboard.Row(unit).Locator(".callsign b .lead").EvaluateAsync<bool>("e => e.clientWidth > 0"), $"nothing of {unit}'s callsign's beginning is shown");
        }

        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_board_says_why_a_unit_standing_where_its_fixes_cannot_place_it_is_not_flagged()
    {
        var scene = await Scene.OpenAsync(host, "reach");
        // The threat in the south-west of the main building. One unit has stood 34 m from it, toward the north-east
        // corner, for three minutes, its fixes good to 40 m; another stands 42 m out in the open to the south, good to 5 m.
        await scene.ThreatAsync(-15, 85);
        await scene.EnrolAsync("R1", "Romeo", "contact");
        await scene.EnrolAsync("G1", "Golf", "contact");
        await scene.TrackAsync("R1", 40, [.. Enumerable.Repeat((9.0, 109.0), 20)]);
        await scene.HoldAsync("G1", -15, 43);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        await Expect(dashboard.Row("G1")).ToHaveAttributeAsync("data-flag", "alert");
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-state", "holding");
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-flag", "none");
        await Expect(dashboard.Row("R1").Locator(".reason")).ToHaveTextAsync("cannot be told from contact: inside Main building, 34 m from the threat, fixes ±40 m");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_whose_device_keeps_its_clock_off_the_hosts_says_so_under_its_source()
    {
        var scene = await Scene.OpenAsync(host, "clock");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("C1", "Charlie", "contact");
        await scene.EnrolAsync("C2", "Delta", "contact");
        await scene.TrackAsync("C2", (40, -100), (40, -95));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        // As the intake hands on a report of a phone whose clock it found 42 s behind, and one 3 h ahead.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        Task<IReadOnlyList<Command.Domain.Validation.Rejection?>> SubmitAsync(string unit, double correctionS) =>
            port.SubmitAsync(scene.IncidentId, [new Command.Domain.Reports.PositionReport(unit, Command.Domain.Reports.ReportSource.CoT, DateTimeOffset.UtcNow,
                Support.TestSite.Frame.ToGeo(new Command.Domain.Geometry.LocalPoint(0, -60)), AccuracyM: 5, ClockCorrectionS: correctionS)],
                [], Command.Ingest.Intake.UnknownUnitPolicy.Refuse, TestContext.Current.CancellationToken);

        Assert.Equal([null], await SubmitAsync("C1", 42));

        var word = dashboard.Row("C1").Locator(".clock-word");
        await Expect(word).ToHaveTextAsync("42 s slow");
        await Expect(word).ToHaveAttributeAsync("title", "its device's clock runs 42 s behind this host's: its fix times are taken 42 s later");
        await Expect(dashboard.Row("C2").Locator(".clock-word")).ToHaveCountAsync(0);
        await dashboard.ScreenshotAsync("unit-clock.png");
        Assert.Equal([null], await SubmitAsync("C1", -3 * 3600));
        await Expect(word).ToHaveTextAsync("3 h fast");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_units_own_911_alert_shows_on_its_row_and_in_the_feed_until_cancelled_and_in_the_replay()
    {
        var scene = await Scene.OpenAsync(host, "alarm");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.HoldAsync("A1", 0, -60);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.TrackAsync("P1", (0, -60), (0, -55));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("A1")).ToHaveAttributeAsync("data-flag", "alert");
        Assert.Equal(["A1", "P1"], await dashboard.BoardOrderAsync());
        // As the CoT listeners hand an ATAK alert on: the unit, what its device called it, and where it came from.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        var at = Support.TestSite.Frame.ToGeo(new Command.Domain.Geometry.LocalPoint(0, -55));

        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("P1", "911 Alert", false, at), "cot:P1@10.20.0.7", TestContext.Current.CancellationToken));

        var badge = dashboard.Row("P1").Locator(".alarm-badge");
        await Expect(badge).ToHaveTextAsync("⚠ 911 ALERT");
        await Expect(badge).ToHaveAttributeAsync("title", "911 Alert raised from its device (cot:P1@10.20.0.7)");
        var alerts = dashboard.Feed.Locator("li[data-type='unit-alarmed']");
        await Expect(alerts.First).ToContainTextAsync("⚠ 911 ALERTPatrol 1from its device — cot:P1@10.20.0.7");
        Assert.Equal("911 Alert", (await scene.UnitAsync("P1")).GetProperty("alarm").GetProperty("kind").GetString());
        // An officer's own emergency goes above every flag of the assessment's, on the board and on the map, where the
        // unit is labelled with it in the alert colour whether or not it is flagged.
        Assert.Equal(["P1", "A1"], await dashboard.BoardOrderAsync());
        var marker = dashboard.Marker("P1");
        await marker.ToShowAsync("alarm", "⚠ 911 ALERT");
        await marker.ToShowAsync("tag", "⚠ 911 ALERT");
        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("A1", "Troops In Contact", false, at), "cot:A1@10.20.0.8", TestContext.Current.CancellationToken));
        await dashboard.Marker("A1").ToShowAsync("tag", "⚠ TROOPS IN CONTACT · ⚠ ALERT");
        await dashboard.ScreenshotAsync("unit-alarm.png");

        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("P1", "Alert", true, at), "cot:P1@10.20.0.7", TestContext.Current.CancellationToken));

        await Expect(badge).ToHaveCountAsync(0);
        await Expect(alerts.First).ToContainTextAsync("✓ ALERT CANCELLEDPatrol 1Alert — cot:P1@10.20.0.7");
        await marker.ToShowAsync("alarm", null);
        await marker.ToShowAsync("tag", "");

        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(alerts).ToHaveCountAsync(3);
        await Expect(alerts.Last).ToContainTextAsync("⚠ 911 ALERTPatrol 1from its device — cot:P1@10.20.0.7");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_whose_device_calls_itself_otherwise_shows_it_beside_its_own_callsign_and_the_feed_says_it_once()
    {
        var scene = await Scene.OpenAsync(host, "rename");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("ANDROID-u7", "GOLF 7", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var first = DateTimeOffset.UtcNow.AddSeconds(-10);
        async Task ReportAsync(params (int At, string Callsign)[] fixes)
        {
            var reports = fixes.Select(f =>
            {
                var p = Support.TestSite.Frame.ToGeo(new(0, -60 + f.At));
                return new { unitId = "ANDROID-u7", fixTime = first.AddSeconds(2 * f.At), lat = p.Latitude, lon = p.Longitude, accuracyM = 5.0, callsign = f.Callsign };
            }).ToArray();
            (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports })).EnsureSuccessStatusCode();
        }

        // GOLF 7's phone becomes "GOLF 7 (MEDIC)" and goes on reporting so.
        await ReportAsync((0, "GOLF 7"), (1, "GOLF 7 (MEDIC)"), (2, "GOLF 7 (MEDIC)"));

        var row = dashboard.Row("ANDROID-u7");
        var beside = row.Locator(".callsign .device-callsign");
        await Expect(beside).ToHaveTextAsync("“GOLF 7 (MEDIC)”");
        await Expect(beside).ToHaveAttributeAsync("title", "its device reports as “GOLF 7 (MEDIC)”");
        await Expect(row.Locator(".callsign b")).ToHaveTextAsync("GOLF 7");
        // The callsign it is enrolled under stays whole beside it; the device's name gives way (whole on hover).
        Assert.True(await row.Locator(".callsign b").EvaluateAsync<bool>("b => [...b.querySelectorAll('*'), b].every(e => e.scrollWidth <= e.clientWidth + 1)"),
            "the enrolled callsign is cut to make room for the device's name");
        var lines = dashboard.Feed.Locator("li[data-type='unit-device-renamed']");
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.First).ToContainTextAsync("✎ RENAMEDGOLF 7its device now reports as “GOLF 7 (MEDIC)” (was “GOLF 7”)");

        // Back to the callsign it is enrolled under: said, and nothing beside it; read back the same from the recording.
        await ReportAsync((3, "GOLF 7"));
        await Expect(lines).ToHaveCountAsync(2);
        await Expect(beside).ToHaveCountAsync(0);
        await dashboard.Page.ReloadAsync();
        await Expect(lines).ToHaveCountAsync(2);
        await Expect(lines.First).ToContainTextAsync("✎ RENAMEDGOLF 7its device now reports as “GOLF 7” (was “GOLF 7 (MEDIC)”)");
        await Expect(lines.Last).ToContainTextAsync("✎ RENAMEDGOLF 7its device now reports as “GOLF 7 (MEDIC)” (was “GOLF 7”)");
    }

    [Fact]
    public async Task A_unit_whose_device_signed_off_says_so_on_its_row_its_marker_and_in_the_feed_until_it_reports_again()
    {
        var scene = await Scene.OpenAsync(host, "signoff");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.TrackAsync("P1", (0, -60), (0, -55));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("P1")).Not.ToHaveAttributeAsync("data-state", "stale");
        // As the CoT listeners hand on a TAK server's word that it lost the unit's phone.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();

        Assert.Null(await port.SignOffAsync(scene.IncidentId, "P1", "cot:6c2d0f1e@10.20.0.2", TestContext.Current.CancellationToken));

        var row = dashboard.Row("P1");
        await Expect(row).ToHaveAttributeAsync("data-state", "stale");
        await Expect(row.Locator(".state-word")).ToHaveTextAsync("○ SIGNED OFF");
        await Expect(row.Locator(".callsign b")).ToHaveAttributeAsync("title", "Patrol 1");
        var said = new System.Text.RegularExpressions.Regex("^its device signed off at \\d\\d:\\d\\d:\\d\\d \\(cot:6c2d0f1e@10\\.20\\.0\\.2\\): no position until it reports again$");
        await Expect(row.Locator(".status .reason")).ToHaveTextAsync(said);
        await dashboard.Marker("P1").ToShowAsync("tag", "○ SIGNED OFF");
        var lines = dashboard.Feed.Locator("li[data-type='unit-signed-off']");
        await Expect(lines.First).ToContainTextAsync("○ SIGNED OFFPatrol 1its device left; no position until it reports again — cot:6c2d0f1e@10.20.0.2");
        Assert.Equal("cot:6c2d0f1e@10.20.0.2", (await scene.UnitAsync("P1")).GetProperty("signedOff").GetProperty("actor").GetString());
        await dashboard.ScreenshotAsync("unit-signed-off.png");

        await scene.TrackAsync("P1", (0, -50));

        await Expect(row).Not.ToHaveAttributeAsync("data-state", "stale");
        await Expect(row.Locator(".state-word")).Not.ToHaveTextAsync("○ SIGNED OFF");
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.First).ToContainTextAsync("○ SIGNED OFFPatrol 1its device left");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_proposed_to_go_instead_is_no_longer_offered_once_it_is_not_free()
    {
        var scene = await Scene.OpenAsync(host, "instead");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P2", "Patrol 2", "contact");
        await scene.TrackAsync("P2", (40, -60));
        await scene.EnrolAsync("A1", "Alpha", "contact");
        await scene.HoldAsync("A1", 0, -40);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var instead = dashboard.ActiveFlags.Locator("li[data-subject='A1'] .instead");
        await Expect(instead.Locator("button.send")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Patrol 2 · "));

        // Offered when A1's flag went up, Patrol 2 has since raised its own 911 alert: it is no one to send.
        var port = host.Services.GetRequiredService<Command.Ingest.Intake.IIncidentPort>();
        Assert.Null(await port.AlertAsync(scene.IncidentId, new Command.Ingest.Intake.UnitAlert("P2", "911 Alert", false, null), "cot:P2@10.20.0.7", TestContext.Current.CancellationToken));

        await Expect(instead).ToHaveTextAsync("Nobody free to send instead: Patrol 2, proposed when the flag went up, is no longer free");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_unit_whose_reports_are_refused_says_so_on_its_row_until_one_is_accepted()
    {
        // A phone whose clock runs five minutes fast reports all along; every report is refused, and the row says why.
        var scene = await Scene.OpenAsync(host, "refused");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.TrackAsync("P1", (0, -60), (0, -55));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var ahead = DateTimeOffset.UtcNow.AddMinutes(5);

        foreach (var s in new[] { 0, 10 })
        {
            var refused = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = new[] { Support.TestSite.Report("P1", ahead.AddSeconds(s), 0, -50) } });
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var word = dashboard.Row("P1").Locator(".refused-word");
        var said = new System.Text.RegularExpressions.Regex("^2 reports refused \\(future-fix\\): fix time is 3[01][0-9](\\.[0-9])? s ahead of the receiving clock");
        await Expect(word).ToHaveTextAsync("REFUSED");
        await Expect(word).ToHaveAttributeAsync("title", said);
        await Expect(dashboard.Row("P1").Locator(".status .reason")).ToHaveTextAsync(said);
        Assert.Equal("future-fix", (await scene.UnitAsync("P1")).GetProperty("refused").GetProperty("reason").GetString());

        await scene.TrackAsync("P1", (0, -45));
        await Expect(word).ToHaveCountAsync(0);
        await Expect(dashboard.Row("P1").Locator(".source")).ToHaveTextAsync("JSON");

        // A phone's app relayed through the API says so: shown as its app's protocol, as a radio's would be.
        var p = Support.TestSite.Frame.ToGeo(new(0, -40));
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = new[] { new { unitId = "P1", fixTime = DateTimeOffset.UtcNow, lat = p.Latitude, lon = p.Longitude, accuracyM = 5.0, source = "osmand" } } })).EnsureSuccessStatusCode();
        await Expect(dashboard.Row("P1").Locator(".source")).ToHaveTextAsync("OsmAnd");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_lone_fix_refused_as_a_jump_is_said_on_the_row_and_marks_it_refused_only_once_more_follow()
    {
        // A phone every 2 s standing still 150 m out, saying so; one fix lands 150 m off, where nothing gets in 2 s.
        var scene = await Scene.OpenAsync(host, "jump");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var start = DateTimeOffset.UtcNow.AddSeconds(-14);
        for (var i = 0; i < 5; i++)
        {
            (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = new[] { Still(start.AddSeconds(2 * i), i % 2, -50) } })).EnsureSuccessStatusCode();
        }

        var jumped = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = new[] { Still(start.AddSeconds(10), 0, -200) } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, jumped.StatusCode);

        var word = dashboard.Row("P1").Locator(".refused-word");
        await Expect(dashboard.Row("P1").Locator(".status .reason")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^its report refused \\(sudden-jump\\): 150 m in 2\\.0 s from a fix that said 0\\.0 m/s"));
        await Expect(word).ToHaveCountAsync(0);
        await Expect(dashboard.Row("P1").Locator(".source")).ToHaveTextAsync("JSON");

        // Its fixes go on coming from there: the row says so.
        jumped = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = new[] { Still(start.AddSeconds(12), 1, -200) } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, jumped.StatusCode);
        await Expect(word).ToHaveTextAsync("REFUSED");
        await Expect(word).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^2 reports refused \\(sudden-jump\\): "));
        Assert.Empty(dashboard.Errors);

        static object Still(DateTimeOffset at, double east, double north)
        {
            var p = Support.TestSite.Frame.ToGeo(new(east, north));
            return new { unitId = "P1", fixTime = at, lat = p.Latitude, lon = p.Longitude, accuracyM = 5.0, speedMps = 0.0 };
        }
    }

    [Fact]
    public async Task A_unit_whose_latest_report_is_held_back_as_multipath_says_so_on_its_row()
    {
        // A phone every 2 s standing 250 m out; its latest report lands 50 m nearer, where no one gets in 2 s.
        var scene = await Scene.OpenAsync(host, "held-back");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var last = DateTimeOffset.UtcNow.AddSeconds(-2);
        var standing = Enumerable.Range(0, 6).Select(i => Support.TestSite.Report("P1", last.AddSeconds(-2 * (6 - i)), i % 2, -150)).ToArray();
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports = standing })).EnsureSuccessStatusCode();

        await scene.ReportAsync("P1", last, 0, -100);

        await Expect(dashboard.Row("P1").Locator(".status .reason")).ToHaveTextAsync("1 report held back as multipath: 50 m off its track");
        await Expect(dashboard.Row("P1").Locator(".distance")).ToContainTextAsync("250 m");
        var unit = await scene.UnitAsync("P1");
        Assert.Equal("1 report held back as multipath: 50 m off its track", unit.GetProperty("heldBackReason").GetString());
        // The map keeps its marker where the board measures it from, its latest fix taken in, not 50 m on at the report
        // held back: a commander who saw it jump toward the threat and back would read an officer going in.
        var held = unit.GetProperty("heldAt");
        var reported = unit.GetProperty("lastFix").GetProperty("position");
        Assert.True(held.GetProperty("latitude").GetDouble() < reported.GetProperty("latitude").GetDouble() - 0.0004, $"held at {held}, reported at {reported}");
        await dashboard.Marker("P1").ToShowAsync("lat", held.GetProperty("latitude").GetDouble().ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(dashboard.Errors);
    }
}
