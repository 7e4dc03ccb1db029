using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;
using Command.Simulation.Demo;
using Command.Simulation.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Command.Reporting.Tests.Samples;

/// <summary>
/// The sample AAR/IP in docs/ is the demo drill's, played once through the incident stream on a fake clock and closed,
/// with two evaluator notes and one rating decision beside it. COMMAND_UPDATE_SAMPLES=1 writes it there again; otherwise the
/// stored HTML must be what this build makes.
/// </summary>
public sealed class DemoSampleTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 21, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_aar_in_docs_is_the_demo_drills_as_this_build_writes_it()
    {
        var draft = AarDraft.Build(await AfterActionFold.BuildAsync((await PlayDemoAsync()).ToAsyncEnumerable(), cancellationToken: Ct), Notes());
        using var html = new MemoryStream();
        await AarDocument.WriteHtmlAsync(draft, html, Ct);
        var made = Encoding.UTF8.GetString(html.ToArray());

        // What the demo is there to show: its first officer held outside while the threat was active, and was flagged.
        Assert.Equal(["OBJ-1", "OBJ-2"], draft.Objectives.Select(o => o.Objective.ObjectiveId));
        Assert.Contains(draft.Report.Flags, f => f.Subject == "S1");
        Assert.Equal("S1", draft.Objectives[1].Proposal.Evidence[0].UnitId);
        Assert.Equal(ExerciseRating.Unable, draft.Objectives[1].Proposal.Rating);
        // The evaluator confirmed what the report proposes: a decision recorded against another proposal would read as
        // a changed rating with no reason, which the API refuses.
        Assert.Equal(draft.Objectives[0].Proposal.Rating, draft.Objectives[0].Decision!.Proposed);
        Assert.Equal("America/Chicago", draft.Report.Incident.TimeZone);
        Assert.Equal(("Ofc. J. Baker", "Meadowlark USD Police"), (draft.Report.Units.Single(u => u.UnitId == "S1").Person!.Name, draft.Report.Units.Single(u => u.UnitId == "S1").Person!.Agency));

        using var docx = new MemoryStream();
        AarDocument.WriteDocx(draft, docx);
        var docs = Path.Combine(RepoRoot(), "docs");
        if (Environment.GetEnvironmentVariable("COMMAND_UPDATE_SAMPLES") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(docs, "sample-aar.html"), made, Ct);
            await File.WriteAllBytesAsync(Path.Combine(docs, "sample-aar.docx"), docx.ToArray(), Ct);
        }

        // Both samples are exactly what the demo makes: the Word document, too, is the same bytes every time.
        Assert.Equal(made, await File.ReadAllTextAsync(Path.Combine(docs, "sample-aar.html"), Ct));
        Assert.Equal(docx.ToArray(), await File.ReadAllBytesAsync(Path.Combine(docs, "sample-aar.docx"), Ct));
    }

    private static async Task<List<IncidentEvent>> PlayDemoAsync()
    {
        var demo = await DemoScenario.LoadAsync(Ct);
        var clock = new FakeTimeProvider(Start);
        var sink = new StreamSink("demo", clock);
        var options = new DrillOptions();
        await using var engine = new DrillEngine(demo, sink, clock, options);
        await engine.StartAsync(Ct);
        sink.Do(new DrillControlled("start", DemoScenario.Name, "controller"));
        sink.Do(new ExerciseSet(demo.Exercise(DemoScenario.Name), "controller"));
        for (var t = TimeSpan.Zero; t < TimeSpan.FromSeconds(demo.DurationS - 1); t += options.TickInterval)
        {
            clock.Advance(options.TickInterval);
        }

        sink.TickTo(clock.GetUtcNow());
        sink.Do(new IncidentClosed("end of exercise", "controller"));
        return sink.Recorded;
    }

    private static List<Annotation> Notes() =>
    [
        new EvaluatorNote("SRO Baker called out the shooter's location clearly on arrival", NoteMark.Strength, "S1", "OBJ-1") { Number = 1, About = Start.AddSeconds(60), Written = Start.AddMinutes(30), Author = "evaluator" },
        new EvaluatorNote("SRO Baker waited outside the west doors for a partner for about four minutes", NoteMark.AreaForImprovement, "S1", "OBJ-2") { Number = 2, About = Start.AddSeconds(150), Written = Start.AddMinutes(31), Author = "evaluator" },
        new RatingDecided("OBJ-1", ExerciseRating.MajorChallenges, ExerciseRating.MajorChallenges) { Number = 3, About = Start.AddSeconds(570), Written = Start.AddMinutes(32), Author = "evaluator" },
    ];

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Command.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Command.sln) is not above the test's folder.");
    }
}
