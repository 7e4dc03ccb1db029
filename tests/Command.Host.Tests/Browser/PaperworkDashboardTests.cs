using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Paperwork;
using Command.Host.Tests.Support;
using Command.Reporting.Exports;
using Microsoft.Extensions.DependencyInjection;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

public sealed class PaperworkDashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task A_note_added_in_replay_is_on_the_timeline_and_in_the_exported_aar()
    {
        var scene = await HeldAsync("note");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await ReplayAsync(dashboard.Page, scene.IncidentId);
        var raised = dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']");
        await Expect(raised).ToHaveCountAsync(1);
        await raised.ClickAsync();
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");

        await dashboard.Page.Locator("#note-open-replay").ClickAsync();
        await dashboard.Page.Locator("#note-text").FillAsync("Patrol 1 waited at the car for a partner");
        await dashboard.Page.Locator("#note-mark").SelectOptionAsync("area-for-improvement");
        await dashboard.Page.Locator("#note-unit").SelectOptionAsync("P1");
        await dashboard.Page.Locator("#note-save").ClickAsync();

        // On the timeline, at the instant the replay showed: the flag's.
        var note = dashboard.Page.Locator(".mark.note[data-subject='P1']");
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note).ToHaveAttributeAsync("data-time", (await raised.GetAttributeAsync("data-time"))!);
        await Expect(note).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("note \\(area for improvement\\): Patrol 1 waited at the car for a partner"));
        // The note's mark reads on the timeline in both themes: its pale blue was 1.6:1 on the light page.
        var mark = new Dictionary<string, string> { ["note"] = ".mark.note" };
        Contrast.AssertAtLeast(Contrast.Lines, "a note on the dark timeline", await Contrast.OfFillsAsync(dashboard.Page, mark));
        await dashboard.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(dashboard.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Contrast.AssertAtLeast(Contrast.Lines, "a note on the light timeline", await Contrast.OfFillsAsync(dashboard.Page, mark));

        var download = await dashboard.Page.RunAndWaitForDownloadAsync(() => dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP Word" }).ClickAsync());
        Assert.Equal($"{scene.IncidentId}-aar.docx", download.SuggestedFilename);
        await using var file = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, TestContext.Current.CancellationToken);
        using var docx = WordprocessingDocument.Open(new MemoryStream(copy.ToArray()), false);
        var rows = docx.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => r.InnerText);
        Assert.Contains(rows, r => r.Contains("area for improvementPatrol 1 waited at the car for a partner", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("GeneralPatrol 1 waited", StringComparison.Ordinal) || r.StartsWith("Unit Patrol 1 (P1)Patrol 1 waited", StringComparison.Ordinal));
        await Expect(dashboard.Page.Locator("#export-status")).ToContainTextAsync($"{scene.IncidentId}-aar.docx");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_note_saved_with_a_double_click_is_kept_once()
    {
        var scene = await HeldAsync("twice");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var posted = 0;
        dashboard.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith($"/api/sessions/{scene.IncidentId}/notes", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posted);
            }
        };

        await dashboard.Page.Locator("#note-open-live").ClickAsync();
        await dashboard.Page.Locator("#note-text").FillAsync("Patrol 1 waited at the car");
        await dashboard.Page.Locator("#note-save").DblClickAsync();
        await Expect(dashboard.Page.Locator("#note-dialog")).ToBeHiddenAsync();

        Assert.Equal(1, Volatile.Read(ref posted));
        var notes = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/sessions/{scene.IncidentId}/notes", TestContext.Current.CancellationToken);
        Assert.Single(notes!, n => n.GetProperty("type").GetString() == "note");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_refused_note_says_why_in_its_dialog_and_once_put_right_is_saved_with_nothing_left_up()
    {
        var scene = await HeldAsync("refused-note");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var dialog = dashboard.Page.Locator("#note-dialog");
        var error = dashboard.Page.Locator("#note-error");

        await dashboard.Page.Locator("#note-open-live").ClickAsync();
        await dashboard.Page.Locator("#note-text").FillAsync("Patrol 1 waited at the car");
        await dashboard.Page.Locator("#note-objective").FillAsync("obj-9");
        await dashboard.Page.Locator("#note-save").ClickAsync();

        // Beside the note, which stays open to be put right; nothing under the controls, behind the dialog.
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("obj-9");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("#notice")).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#note-text")).ToHaveValueAsync("Patrol 1 waited at the car");

        await dashboard.Page.Locator("#note-objective").FillAsync("");
        await dashboard.Page.Locator("#note-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#notice")).ToBeHiddenAsync();

        await dashboard.Page.Locator("#note-open-live").ClickAsync();
        await Expect(error).ToBeHiddenAsync();
        // The browser's own word of the refused request, and nothing else.
        Assert.Contains("the server responded with a status of 400", Assert.Single(dashboard.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_compared_on_the_page_read_their_times_as_minutes_and_seconds_as_the_aar_prints_them()
    {
        // Both drills still going, each of its own units: the first was closed as the second was set up, and its run read as
        // closed on the page.
        var first = await HeldAsync("compare-a");
        var second = await HeldAsync("compare-b", "Q1", "Patrol 9", keepOpen: true);
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        await ReplayAsync(dashboard.Page, first.IncidentId);
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        await dashboard.Page.Locator("#compare-open").ClickAsync();
        await Expect(dashboard.Page.Locator($"#compare-sessions option[value='{second.IncidentId}']")).ToHaveCountAsync(1);
        await dashboard.Page.Locator("#compare-sessions").SelectOptionAsync([first.IncidentId, second.IncidentId]);
        // Live drills, recording no scenario: compared where the person says how their units match.
        await dashboard.Page.Locator("#compare-map").FillAsync("Patrol 1=first officer\nPatrol 9=first officer");
        await dashboard.Page.Locator("#compare-run").ClickAsync();

        var result = dashboard.Page.Locator("#compare-result");
        await Expect(result.Locator("table")).ToHaveCountAsync(2);
        var text = await result.InnerTextAsync();
        // Each unit held about a minute and a half and was flagged: its hold reads m:ss, not "95.2 s".
        Assert.Matches(@"hold \d+:\d\d · 1 flags", text);
        Assert.Contains("first on scene", text, StringComparison.Ordinal);
        // Flags raised split as the report splits them, in the words the exports use.
        Assert.Matches(@"flags raised\t.*\nflags raised on units\t.*\nflags raised on zones\t", text);
        Assert.DoesNotContain("(s)", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d s\b", text);
        // Both drills are still going, the one replayed too: each run says so first, as its other documents do.
        await Expect(result.Locator("p.draft")).ToHaveTextAsync([
            new System.Text.RegularExpressions.Regex("^Draft: Run 1: the incident was still open when this was made, at "),
            new System.Text.RegularExpressions.Regex("^Draft: Run 2: the incident was still open when this was made, at ")]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Runs_compared_again_before_the_first_comparison_answered_show_the_latest_with_its_exports()
    {
        // Run pressed, other sessions chosen and Run pressed again: the first answer, come last, put the first comparison's
        // table under the links exporting the second.
        var first = await HeldAsync("again-a");
        var dropped = await HeldAsync("again-b", "Q1", "Patrol 9");
        var kept = await HeldAsync("again-c", "Q1", "Patrol 9");
        await using var dashboard = await Dashboard.OpenAsync(host, kept.IncidentId);
        await ReplayAsync(dashboard.Page, kept.IncidentId);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync("**/api/compare?**", async route =>
        {
            if (route.Request.Url.Contains(dropped.IncidentId, StringComparison.Ordinal) && route.Request.Url.Contains("format=json", StringComparison.Ordinal))
            {
                asked.TrySetResult();
                await held.Task;
            }

            await route.ContinueAsync();
        });
        await dashboard.Page.Locator("#compare-open").ClickAsync();
        await Expect(dashboard.Page.Locator($"#compare-sessions option[value='{kept.IncidentId}']")).ToHaveCountAsync(1);
        await dashboard.Page.Locator("#compare-map").FillAsync("Patrol 1=first officer\nPatrol 9=first officer");
        var sessions = dashboard.Page.Locator("#compare-sessions");
        var run = dashboard.Page.Locator("#compare-run");
        await sessions.SelectOptionAsync([first.IncidentId, dropped.IncidentId]);
        await run.ClickAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await sessions.SelectOptionAsync([first.IncidentId, kept.IncidentId]);
        await run.ClickAsync();
        var result = dashboard.Page.Locator("#compare-result");
        await Expect(result.Locator("table").First).ToContainTextAsync(kept.IncidentId);

        var answered = dashboard.Page.WaitForResponseAsync(r => r.Url.Contains(dropped.IncidentId, StringComparison.Ordinal));
        held.SetResult();
        await answered;
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        await Expect(result.Locator("table").First).ToContainTextAsync(kept.IncidentId);
        await Expect(result).Not.ToContainTextAsync(dropped.IncidentId);
        var export = result.Locator(".downloads a").First;
        await Expect(export).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(kept.IncidentId));
        Assert.DoesNotContain(dropped.IncidentId, await export.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_compare_dialogs_plot_is_drawn_as_the_report_draws_it_every_label_clear_of_the_others_and_inside_it()
    {
        // Shown as an image, the plot lost its styles: the units' names ran into their bars, the legend's run names into
        // each other, two runs' "none" into each other, and the axis's last label off the right edge.
        var first = await HeldAsync("compare-plot-a");
        var second = await Scene.OpenAsync(host, "compare-plot-b");
        await second.ThreatAsync(0, 100);
        await second.EnrolAsync("Q1", "Patrol 9", "contact");
        await second.EnrolAsync("WESTSIDE-PATROL-OFFICER-12", "Westside 12", "perimeter");
        await second.HoldAsync("Q1", 0, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        await ReplayAsync(dashboard.Page, first.IncidentId);
        await dashboard.Page.Locator("#compare-open").ClickAsync();
        await Expect(dashboard.Page.Locator($"#compare-sessions option[value='{second.IncidentId}']")).ToHaveCountAsync(1);
        await dashboard.Page.Locator("#compare-sessions").SelectOptionAsync([first.IncidentId, second.IncidentId]);
        // A name a person typed, markup and all, matching the two runs' first officers: text on the plot, never markup.
        const string Mapped = "<img src=x onerror=alert(1)> first officer at the west doors";
        await dashboard.Page.Locator("#compare-map").FillAsync($"Patrol 1={Mapped}\nPatrol 9={Mapped}");

        await dashboard.Page.Locator("#compare-run").ClickAsync();

        var plot = dashboard.Page.Locator("#compare-result .compare-plot");
        await Expect(plot.Locator("svg")).ToHaveCountAsync(1);
        var drawn = await plot.EvaluateAsync<System.Text.Json.JsonElement>("""
            plot => {
              const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
              const svg = plot.shadowRoot.querySelector('svg');
              return {
                plot: box(svg), dialog: box(plot.closest('dialog')),
                images: plot.shadowRoot.querySelectorAll('img, foreignObject').length + document.querySelectorAll('#compare-result img').length,
                labels: [...svg.querySelectorAll('text')].map(t => ({
                  text: t.firstChild.nodeValue, title: t.querySelector('title')?.textContent ?? null, box: box(t),
                  size: getComputedStyle(t).fontSize, anchor: getComputedStyle(t).textAnchor })),
              };
            }
            """);

        double[] Box(System.Text.Json.JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
        var (svg, dialog) = (Box(drawn.GetProperty("plot")), Box(drawn.GetProperty("dialog")));
        var labels = drawn.GetProperty("labels").EnumerateArray()
            .Select(l => (Text: l.GetProperty("text").GetString()!, Title: l.GetProperty("title").GetString(), Box: Box(l.GetProperty("box")), Size: l.GetProperty("size").GetString(), Anchor: l.GetProperty("anchor").GetString()))
            .ToList();
        // Two runs in the legend, two units' names, three runs with no contact, and the axis's two ends.
        Assert.Equal(9, labels.Count);
        Assert.Equal(3, labels.Count(l => l.Text == "none"));
        Assert.True(svg[0] >= dialog[0] && svg[2] <= dialog[2], $"the plot at {string.Join(", ", svg)} is wider than its dialog at {string.Join(", ", dialog)}");
        foreach (var label in labels)
        {
            Assert.True(label.Box[0] >= svg[0] - 0.5 && label.Box[1] >= svg[1] - 0.5 && label.Box[2] <= svg[2] + 0.5 && label.Box[3] <= svg[3] + 0.5,
                $"'{label.Text}' at {string.Join(", ", label.Box)} is cut off by the plot's edge at {string.Join(", ", svg)}");
            foreach (var other in labels.Where(o => !ReferenceEquals(o.Box, label.Box)))
            {
                Assert.False(label.Box[0] < other.Box[2] && other.Box[0] < label.Box[2] && label.Box[1] < other.Box[3] && other.Box[1] < label.Box[3],
                    $"'{label.Text}' at {string.Join(", ", label.Box)} overlaps '{other.Text}' at {string.Join(", ", other.Box)}");
            }
        }

        // Styled as in the report: 12 px type, the units' names and the axis's last label ending where they are placed.
        Assert.All(labels, l => Assert.Equal("12px", l.Size));
        Assert.Equal("end", labels.Single(l => l.Text.EndsWith(" to contact", StringComparison.Ordinal)).Anchor);
        var mapped = labels.Single(l => l.Title == Mapped);
        Assert.Equal("end", mapped.Anchor);
        Assert.StartsWith("<img src=x onerror=", mapped.Text, StringComparison.Ordinal);
        Assert.EndsWith("…", mapped.Text, StringComparison.Ordinal);
        Assert.Contains(labels, l => l.Text.StartsWith($"run 2: {second.IncidentId}", StringComparison.Ordinal));
        Assert.Equal(0, drawn.GetProperty("images").GetInt32());
        var shot = Path.Combine(AppContext.BaseDirectory, "screenshots", "compare-plot.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await plot.ScreenshotAsync(new() { Path = shot });
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Changing_a_proposed_rating_asks_why_and_a_refusal_is_said_in_the_rating_dialog()
    {
        var scene = await Scene.OpenAsync(host, "rating");
        // P1 is on site from its first fix, before the threat goes active: first on scene 0:00, proposed P.
        var objective = new { id = "OBJ-1", title = "First officers move to the threat at once and make contact within three minutes of it going active", measures = new[] { new { measure = "first-on-scene", performedS = 10, someChallengesS = 20, majorChallengesS = 30 } } };
        (await host.Client.PutAsJsonAsync($"/api/incidents/{scene.IncidentId}/exercise", new { scenario = "school", objectives = new[] { objective } }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await ReplayAsync(dashboard.Page, scene.IncidentId);
        // The flag is recorded after the exercise: once the replay's timeline has it, the recording holds both.
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);
        var dialog = dashboard.Page.Locator("#rating-dialog");
        var reason = dashboard.Page.Locator("#rating-reason");
        var error = dashboard.Page.Locator("#rating-error");

        await dashboard.Page.Locator("#rating-open").ClickAsync();
        await Expect(dashboard.Page.Locator("#rating-proposed")).ToContainTextAsync("Proposed: P: Performed without challenges");
        await Expect(dashboard.Page.Locator("#rating-proposed")).ToContainTextAsync("first unit on scene: 0:00 by Patrol 1 (P1)");
        await Expect(dashboard.Page.Locator("#rating-value")).ToHaveValueAsync("performed");
        await Expect(reason).ToBeHiddenAsync();
        // An objective's long title stays inside the dialog, and so do its buttons: the select took the width of the
        // title and pushed Save and Cancel past the dialog's edge.
        Assert.Equal(0, await dialog.EvaluateAsync<int>(
            "d => { const edge = d.getBoundingClientRect().right; return [...d.querySelectorAll('select, button, li, .rating-proposed')].filter(e => e.getBoundingClientRect().right > edge + 0.5).length; }"));

        // Another rating asks why; a reason of spaces alone is refused by the host, and said beside it.
        await dashboard.Page.Locator("#rating-value").SelectOptionAsync("unable");
        await Expect(reason).ToBeVisibleAsync();
        await reason.FillAsync("   ");
        await dashboard.Page.Locator("#rating-save").ClickAsync();
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("reason: the report proposed P");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("#notice")).ToBeHiddenAsync();

        await reason.FillAsync("P1 stood at the car and never went in");
        await dashboard.Page.Locator("#rating-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Opened again, it shows the decision that counts; back to the proposed rating, nothing is asked.
        await dashboard.Page.Locator("#rating-open").ClickAsync();
        await Expect(error).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#rating-value")).ToHaveValueAsync("unable");
        await Expect(reason).ToHaveValueAsync("P1 stood at the car and never went in");
        await dashboard.Page.Locator("#rating-value").SelectOptionAsync("performed");
        await Expect(reason).ToBeHiddenAsync();
        await dashboard.Page.Locator("#rating-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var decisions = (await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/sessions/{scene.IncidentId}/notes", TestContext.Current.CancellationToken))!;
        Assert.Equal(
            [("unable", "P1 stood at the car and never went in"), ("performed", (string?)null)],
            decisions.Select(d => (d.GetProperty("rating").GetString(), d.TryGetProperty("reason", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.String ? r.GetString() : null)));
        Assert.Contains("the server responded with a status of 400", Assert.Single(dashboard.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_given_before_the_measure_was_reached_that_differs_from_the_proposal_now_is_shown_to_revisit()
    {
        var scene = await Scene.OpenAsync(host, "rating-early");
        var objective = new { id = "OBJ-1", title = "First officers on scene at once", measures = new[] { new { measure = "first-on-scene", performedS = 10, someChallengesS = 20, majorChallengesS = 30 } } };
        (await host.Client.PutAsJsonAsync($"/api/incidents/{scene.IncidentId}/exercise", new { scenario = "school", objectives = new[] { objective } }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await scene.ThreatAsync(0, 100);
        // No unit on scene yet: nothing is proposed, so a rating of U is kept with no reason asked.
        var early = await host.Client.PostAsJsonAsync($"/api/sessions/{scene.IncidentId}/ratings", new { objectiveId = "OBJ-1", rating = "U" }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, early.StatusCode);
        // Then P1 is on site from its first fix: first on scene 0:00, proposed P.
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, -60);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await ReplayAsync(dashboard.Page, scene.IncidentId);
        // Once the replay's timeline has P1's flag, the recording holds its fixes.
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        await dashboard.Page.Locator("#rating-open").ClickAsync();

        var proposed = dashboard.Page.Locator("#rating-proposed");
        await Expect(proposed).ToContainTextAsync("Proposed: P: Performed without challenges");
        await Expect(proposed.Locator(".revisit")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            "^To revisit: rated U by \\S+ at [0-9:]{8} UTC, before the measure was reached \\(proposed none then\\); the recording now proposes P: no reason given$"));
        // Kept as it is, the U differs from the proposal: the dialog asks why.
        await Expect(dashboard.Page.Locator("#rating-value")).ToHaveValueAsync("unable");
        await Expect(dashboard.Page.Locator("#rating-reason")).ToBeVisibleAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_note_is_edited_and_withdrawn_from_the_notes_panel_and_a_page_watching_along_sees_each_change()
    {
        var scene = await HeldAsync("edit-note");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var page = dashboard.Page;
        await ReplayAsync(page, scene.IncidentId);
        var raised = page.Locator(".mark.flag-raised[data-subject='P1']");
        await Expect(raised).ToHaveCountAsync(1);
        await raised.ClickAsync();
        await Expect(dashboard.Row("P1")).ToHaveAttributeAsync("data-flag", "alert");
        await page.Locator("#note-open-replay").ClickAsync();
        await page.Locator("#note-text").FillAsync("Patrol 1 went straight in");
        await page.Locator("#note-mark").SelectOptionAsync("strength");
        await page.Locator("#note-unit").SelectOptionAsync("P1");
        await page.Locator("#note-save").ClickAsync();
        var marker = page.Locator(".mark.note[data-subject='P1']");
        await Expect(marker).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("note \\(strength\\): Patrol 1 went straight in"));

        // A controller watching live reads the notes, and may change none of them.
        await using var watcher = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "test-controller", roles: ["controller"]);
        await watcher.Page.Locator("#notes-open-live").ClickAsync();
        var watched = watcher.Page.Locator("#notes-list .note-item");
        await Expect(watched).ToHaveCountAsync(1);
        await Expect(watched.Locator(".note-text")).ToHaveTextAsync("Patrol 1 went straight in");
        await Expect(watched.Locator(".note-edit, .note-withdraw")).ToHaveCountAsync(0);

        // The author edits it: marked a strength by mistake.
        await page.Locator("#notes-open-replay").ClickAsync();
        var item = page.Locator("#notes-list .note-item");
        await Expect(item).ToHaveCountAsync(1);
        await item.GetByRole(AriaRole.Button, new() { Name = "Edit note 1" }).ClickAsync();
        await Expect(page.Locator("#note-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#note-text")).ToHaveValueAsync("Patrol 1 went straight in");
        await Expect(page.Locator("#note-mark")).ToHaveValueAsync("strength");
        await page.Locator("#note-text").FillAsync("Patrol 1 waited at the car for a partner");
        await page.Locator("#note-mark").SelectOptionAsync("area-for-improvement");
        await page.Locator("#note-reason").FillAsync("marked a strength by mistake");
        await page.Locator("#note-save").ClickAsync();
        await Expect(page.Locator("#note-dialog")).ToBeHiddenAsync();
        await Expect(item.Locator(".note-text")).ToHaveTextAsync("Patrol 1 waited at the car for a partner");
        await Expect(item.Locator(".note-amended-line")).ToContainTextAsync("by test-commander: marked a strength by mistake");
        await Expect(marker).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("note \\(area for improvement\\): Patrol 1 waited at the car for a partner"));
        // Heard over the hub by the page watching along, without reopening anything.
        await Expect(watched.Locator(".note-text")).ToHaveTextAsync("Patrol 1 waited at the car for a partner");

        // Withdrawn without a reason, it is refused in the dialog, which stays open to be put right.
        await item.GetByRole(AriaRole.Button, new() { Name = "Withdraw note 1" }).ClickAsync();
        await Expect(page.Locator("#note-text")).ToBeHiddenAsync();
        await page.Locator("#note-save").ClickAsync();
        await Expect(page.Locator("#note-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#note-error")).ToContainTextAsync("reason: why the note is withdrawn");
        await Expect(page.Locator("#note-dialog")).ToBeVisibleAsync();
        await page.Locator("#note-reason").FillAsync("written on the wrong session");
        await page.Locator("#note-save").ClickAsync();
        await Expect(page.Locator("#note-dialog")).ToBeHiddenAsync();
        await Expect(item).ToHaveAttributeAsync("data-withdrawn", "true");
        await Expect(item.Locator(".note-withdrawn-line")).ToContainTextAsync("by test-commander: written on the wrong session");
        await Expect(item.Locator(".note-edit, .note-withdraw")).ToHaveCountAsync(0);
        await Expect(marker).ToHaveCountAsync(0);
        await Expect(watched).ToHaveAttributeAsync("data-withdrawn", "true");

        await page.Locator("#notes-close").ClickAsync();
        await Expect(page.Locator("#notes-dialog")).ToBeHiddenAsync();
        Assert.Contains("the server responded with a status of 400", Assert.Single(dashboard.Errors), StringComparison.Ordinal);
        Assert.Empty(watcher.Errors);
    }

    [Fact]
    public async Task An_export_not_heard_of_for_a_while_is_asked_after_and_shown_failed_when_it_failed()
    {
        // The page may be on another host than the job's, which hears none of its progress: it asks the cluster.
        var scene = await HeldAsync("export-quiet");
        var jobId = ExportJobs.JobId(PaperworkKind.AarDocx, "5e1ec7ab1e00", null);
        var running = new ExportStatus(jobId, scene.IncidentId, "aar-docx", "running", 0.2, $"{scene.IncidentId}-aar.docx", null);
        var job = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IExportJobGrain>(jobId);
        await job.Report(running, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.RouteAsync($"**/api/sessions/{scene.IncidentId}/exports", route =>
            route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = JsonSerializer.Serialize(running, CommandHost.Json) }));
        await ReplayAsync(dashboard.Page, scene.IncidentId);
        // The replay open: its timeline drawn.
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP Word" }).ClickAsync();
        var status = dashboard.Page.Locator("#export-status");
        await Expect(status).ToHaveTextAsync("AAR/IP (Word): 20 %");
        await job.Report(running with { State = "failed", Error = "the recording store refused the write" }, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);

        await Expect(status).ToHaveTextAsync("AAR/IP (Word): failed (the recording store refused the write)", new() { Timeout = 30_000 });
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Two_exports_started_together_each_say_their_own_progress()
    {
        // Both shared one status line, which said whichever was heard of last: the Word's 20 % went over by the HTML's 50 %,
        // and back, so neither could be told from the other, nor seen done.
        var scene = await HeldAsync("export-two");
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var word = new ExportStatus(ExportJobs.JobId(PaperworkKind.AarDocx, "70e1ec7ab1e0", null), scene.IncidentId, "aar-docx", "running", 0.2, $"{scene.IncidentId}-aar.docx", null);
        var html = new ExportStatus(ExportJobs.JobId(PaperworkKind.AarHtml, "70e1ec7ab1e0", null), scene.IncidentId, "aar-html", "running", 0.5, $"{scene.IncidentId}-aar.html", null);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IExportJobGrain>(word.JobId).Report(word, silo);
        await grains.GetGrain<IExportJobGrain>(html.JobId).Report(html, silo);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await dashboard.Page.RouteAsync($"**/api/sessions/{scene.IncidentId}/exports", route =>
        {
            var job = route.Request.PostData!.Contains("aar-docx", StringComparison.Ordinal) ? word : html;
            return route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = JsonSerializer.Serialize(job, CommandHost.Json) });
        });
        await ReplayAsync(dashboard.Page, scene.IncidentId);
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP Word" }).ClickAsync();
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP HTML" }).ClickAsync();

        var lines = dashboard.Page.Locator("#export-status .export-line");
        await Expect(lines).ToHaveTextAsync(["AAR/IP (Word): 20 %", "AAR/IP (HTML): 50 %"]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_export_status_says_the_last_export_of_each_kind_of_the_replay_shown()
    {
        // A line per export ever made piled up until the page was reloaded, and stayed under the next replay opened, where
        // its ready link downloaded the other session's document.
        var first = await HeldAsync("exports-first");
        var next = await HeldAsync("exports-next");
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId);
        var page = dashboard.Page;
        await ReplayAsync(page, first.IncidentId);
        await Expect(page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);
        var lines = page.Locator("#export-status .export-line");
        var html = page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP HTML" });

        var made = await page.RunAndWaitForDownloadAsync(() => html.ClickAsync());
        var again = await page.RunAndWaitForDownloadAsync(() => html.ClickAsync());

        // The second in the first's place: the same document, made again.
        Assert.Equal(made.SuggestedFilename, again.SuggestedFilename);
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.Locator("a")).ToHaveAttributeAsync("href", again.Url.Replace(host.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));

        await page.Locator("#session-picker").SelectOptionAsync(next.IncidentId);
        await page.Locator("#replay-open").ClickAsync();
        await Expect(page.Locator("#incident-name")).ToHaveTextAsync($"Drill {next.IncidentId}");
        await Expect(page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        // Nothing said of the replay left.
        await Expect(lines).ToHaveCountAsync(0);
        var word = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP Word" }).ClickAsync());
        Assert.Equal($"{next.IncidentId}-aar.docx", word.SuggestedFilename);
        await Expect(lines).ToHaveTextAsync([$"{next.IncidentId}-aar.docx"]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task An_export_asked_for_while_the_replay_is_still_opening_says_so_rather_than_nothing()
    {
        var scene = await HeldAsync("export-early");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        // The replay's opening held until the export has been asked for.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync("**/api/replays", async route =>
        {
            await asked.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "AAR/IP Word" }).ClickAsync();

        await Expect(dashboard.Page.Locator("#export-status")).ToHaveTextAsync("AAR/IP (Word): nothing to export yet, the session is still opening");
        asked.SetResult();
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_notes_of_a_replay_left_while_they_load_stay_off_the_timeline_of_the_one_opened_next()
    {
        var noted = await HeldAsync("notes-left");
        var next = await HeldAsync("notes-next");
        using var posted = await host.Client.PostAsJsonAsync($"/api/sessions/{noted.IncidentId}/notes", new { text = "Patrol 1 waited at the car", unitId = "P1" }, TestContext.Current.CancellationToken);
        Assert.True(posted.IsSuccessStatusCode, $"the note answered {posted.StatusCode}");
        await using var dashboard = await Dashboard.OpenAsync(host, noted.IncidentId);
        // The first replay's notes held until the next replay is open.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/sessions/{noted.IncidentId}/notes", async route =>
        {
            asked.TrySetResult();
            await held.Task;
            await route.ContinueAsync();
        });
        await ReplayAsync(dashboard.Page, noted.IncidentId);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        // Shown, and so reading its notes for its timeline.
        await Expect(dashboard.Page.Locator("#replay-seek")).ToBeEnabledAsync();

        await dashboard.Page.Locator("#session-picker").SelectOptionAsync(next.IncidentId);
        await dashboard.Page.Locator("#replay-open").ClickAsync();
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {next.IncidentId}");
        await Expect(dashboard.Page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);
        var answered = dashboard.Page.WaitForResponseAsync(r => r.Url.Contains($"/api/sessions/{noted.IncidentId}/notes", StringComparison.Ordinal));
        held.SetResult();
        await answered;
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        // Counted once: the notes panel, reading the notes of the replay shown, would put the timeline right a moment later.
        Assert.Equal(0, await dashboard.Page.Locator(".mark.note").CountAsync());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_note_saved_as_another_replay_is_opened_stays_off_that_ones_timeline()
    {
        // The note's dialog is modal, but Escape closes it while the note is still saved. Another replay opened before the
        // host answered had the note put on its timeline, at its instant, though it was written on the first.
        var noted = await HeldAsync("note-away");
        var next = await HeldAsync("note-next");
        await using var dashboard = await Dashboard.OpenAsync(host, noted.IncidentId);
        var page = dashboard.Page;
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync($"**/api/sessions/{noted.IncidentId}/notes", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            // Kept by the host while its replay is open; the answer slow to come back.
            var kept = await route.FetchAsync();
            asked.TrySetResult();
            await held.Task;
            await route.FulfillAsync(new() { Response = kept });
        });
        await ReplayAsync(page, noted.IncidentId);
        await Expect(page.Locator("#replay-seek")).ToBeEnabledAsync();
        await page.Locator("#note-open-replay").ClickAsync();
        await page.Locator("#note-text").FillAsync("Patrol 1 waited at the car for a partner");
        await page.Locator("#note-save").ClickAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#note-dialog")).ToBeHiddenAsync();

        var nextNotes = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/sessions/{next.IncidentId}/notes", StringComparison.Ordinal));
        await page.Locator("#session-picker").SelectOptionAsync(next.IncidentId);
        await page.Locator("#replay-open").ClickAsync();
        await Expect(page.Locator("#incident-name")).ToHaveTextAsync($"Drill {next.IncidentId}");
        await nextNotes;
        // Its notes read again from here on held, so that only the note saved could change its timeline.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync($"**/api/sessions/{next.IncidentId}/notes", async route =>
        {
            await done.Task;
            await route.ContinueAsync();
        });
        await Expect(page.Locator(".mark.flag-raised[data-subject='P1']")).ToHaveCountAsync(1);

        var answered = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/sessions/{noted.IncidentId}/notes", StringComparison.Ordinal));
        held.SetResult();
        Assert.True((await answered).Ok, "the note was refused");
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        Assert.Equal(0, await page.Locator(".mark.note").CountAsync());
        done.SetResult();
        Assert.Empty(dashboard.Errors);
    }

    // An incident with an active threat 100 m north and a contact unit holding 60 m south of the origin until flagged.
    private async Task<Scene> HeldAsync(string prefix, string unitId = "P1", string callsign = "Patrol 1", bool keepOpen = false)
    {
        var scene = await Scene.OpenAsync(host, prefix, keepOpen: keepOpen);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync(unitId, callsign, "contact");
        await scene.HoldAsync(unitId, 0, -60);
        return scene;
    }

    // Replay mode, on the session of the incident the page watched.
    private static async Task ReplayAsync(IPage page, string incidentId)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(page.Locator("#session-picker")).ToHaveValueAsync(incidentId);
    }
}
