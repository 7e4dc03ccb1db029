using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Recording.Annotations;
using Command.Recording.Storage;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.Annotations;

public sealed class AnnotationLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Annotations_kept_beside_a_session_are_read_back_by_a_fresh_log_as_after_a_restart()
    {
        var root = TestRecording.TempFolder();
        var first = Log(root);
        EvaluatorNote note = new("P1 waited", NoteMark.AreaForImprovement, "P1", "OBJ-1") { Number = 1, About = T0.AddSeconds(40), Written = T0.AddHours(1), Author = "eval" };
        RatingDecided rating = new("OBJ-1", ExerciseRating.MajorChallenges, ExerciseRating.Unable, "sent another in") { Number = 2, About = T0.AddMinutes(7), Written = T0.AddHours(1), Author = "eval" };
        Assert.Empty(await first.ReadAsync("drill-1", Ct));
        await first.AppendAsync("drill-1", note, Ct);
        await first.AppendAsync("drill-1", rating, Ct);

        var again = await Log(root).ReadAsync("drill-1", Ct);

        Assert.Equal([note, rating], again);
        Assert.True(File.Exists(Path.Combine(root, "sessions", "drill-1", "annotations.jsonl")));
    }

    [Fact]
    public async Task An_append_torn_by_a_crash_is_passed_over_and_written_over_by_the_next()
    {
        var root = TestRecording.TempFolder();
        var log = Log(root);
        EvaluatorNote kept = new("kept", NoteMark.Strength) { Number = 1, About = T0, Written = T0, Author = "eval" };
        await log.AppendAsync("drill-1", kept, Ct);
        var file = Path.Combine(root, "sessions", "drill-1", "annotations.jsonl");
        await File.AppendAllTextAsync(file, "{\"type\":\"note\",\"text\":\"torn", Ct);

        var restarted = Log(root);
        Assert.Equal([kept], await restarted.ReadAsync("drill-1", Ct));
        EvaluatorNote next = new("next", NoteMark.Observation) { Number = 2, About = T0, Written = T0, Author = "eval" };
        await restarted.AppendAsync("drill-1", next, Ct);

        Assert.Equal([kept, next], await Log(root).ReadAsync("drill-1", Ct));
    }

    private static StoreAnnotationLog Log(string root) =>
        new(new DiskSessionStore(Path.Combine(root, "sessions")), TestRecording.Options(Path.Combine(root, "spill")), TimeProvider.System);
}
