using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Recording.AfterAction;
using Command.Reporting.Exercises;
using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The report and the AAR/IP as a browser lays them out, with what people type at their longest: a note of 1990
/// characters without a space, callsigns and names of 64, seven units in the report's fifteen-column table. Each page
/// stays as wide as the window, and a long note takes the room it needs without crushing its neighbours.
/// </summary>
public sealed class PaperworkLayoutTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private IPlaywright? playwright;
    private IBrowser? browser;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
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
    [InlineData(1200)]
    [InlineData(800)]
    public async Task The_aar_with_a_note_of_one_unbroken_word_is_as_wide_as_the_window_and_its_other_columns_keep_their_words(int width)
    {
        using var html = new MemoryStream();
        await AarDocument.WriteHtmlAsync(AarDraft.Build(Report(), [LongNote()]), html, Ct);

        await using var context = await ContextAsync(width);
        var page = await LayOutAsync(context, html);

        Assert.Equal(width, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('td,th')].filter(c => c.scrollWidth > c.clientWidth).length"));
        // Beside the note, the other columns of its tables (when, unit, mark, evaluator; the plan's recommendation,
        // owner and due date) stay wide enough for their words: broken anywhere, they would be a letter wide.
        var narrowest = await page.EvaluateAsync<int>(
            "Math.min(...[...document.querySelectorAll('tr')].filter(r => r.textContent.includes('WWWWWWWW')).flatMap(r => [...r.cells]).map(c => c.getBoundingClientRect().width))");
        Assert.True(narrowest >= 40, $"a column beside the long note is {narrowest} px wide");
    }

    [Fact]
    public async Task The_report_of_seven_units_with_long_callsigns_fits_a_1200_px_window()
    {
        using var html = new MemoryStream();
        await AfterActionExport.WriteHtmlAsync(Report(), html, Ct);

        await using var context = await ContextAsync(1200);
        var page = await LayOutAsync(context, html);

        Assert.Equal(1200, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('td,th')].filter(c => c.scrollWidth > c.clientWidth).length"));
    }

    private Task<IBrowserContext> ContextAsync(int width) =>
        browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });

    private static async Task<IPage> LayOutAsync(IBrowserContext context, MemoryStream html)
    {
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Encoding.UTF8.GetString(html.ToArray()));
        return page;
    }

    private static EvaluatorNote LongNote() =>
        new(new string('W', 1990), NoteMark.AreaForImprovement, "U1") { Number = 1, About = T0.AddSeconds(30), Written = T0.AddMinutes(10), Author = "evaluator" };

    // Seven units closing from 200 m, each reporting every 2 s for a minute, under the longest names enrolment takes.
    private static AfterActionReport Report()
    {
        string[] callsigns =
        [
            "Lieutenant-Commander Maximilian Alexander Fitzgerald-Whitmore II", new string('X', 64), "Адам 1", "警察 2", "Reserve 4", "Medic 5", "Perimeter 6",
        ];
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("wide", "Wide drill", new Site("School", Frame.ToGeo(new LocalPoint(0, 0)), [], []), true, "controller") { Time = T0 });
        fold.Apply(new ThreatSet(new Threat("T1", Frame.ToGeo(new LocalPoint(0, 0)), 5, ThreatPhase.Active), "controller") { Time = T0 });
        for (var u = 0; u < callsigns.Length; u++)
        {
            fold.Apply(new UnitEnrolled($"U{u + 1}", callsigns[u], UnitRole.Contact, "controller", new string('N', 64), new string('A', 64), "Contact Team Leader") { Time = T0 });
        }

        for (var s = 2; s <= 60; s += 2)
        {
            for (var u = 0; u < callsigns.Length; u++)
            {
                fold.ApplyPosition($"U{u + 1}", Frame.ToGeo(new LocalPoint(10 * u, -200 + (2 * s))), T0.AddSeconds(s), T0.AddSeconds(s));
            }
        }

        fold.Apply(new IncidentClosed("exercise over", "controller") { Time = T0.AddSeconds(61) });
        return fold.Build();
    }
}
