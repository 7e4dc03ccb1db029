using System.Collections.Immutable;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Reporting.Exercises;

namespace Command.Reporting.Tests.Support;

/// <summary>The golden drill's report and the notes two evaluators wrote about it.</summary>
public static class Golden
{
    public static readonly DateTimeOffset WrittenAt = new(2026, 1, 14, 16, 30, 0, TimeSpan.Zero);

    public static async Task<AfterActionReport> ReportAsync() => await AfterActionFold.BuildAsync(GoldenDrill.ReadAsync());

    /// <summary>A strength and an area for improvement on OBJ-1, an area for improvement on A1 alone, and OBJ-2's rating changed from U to M.</summary>
    public static ImmutableArray<Annotation> Notes { get; } =
    [
        new EvaluatorNote("Adam 2 went straight in through the south door", NoteMark.Strength, "A2", "OBJ-1") { Number = 1, About = GoldenDrill.T0.AddSeconds(200), Written = WrittenAt, Author = "eval.kim" },
        new EvaluatorNote("Radio traffic stepped on the entry call", NoteMark.AreaForImprovement, null, "OBJ-1") { Number = 2, About = GoldenDrill.T0.AddSeconds(90), Written = WrittenAt.AddMinutes(1), Author = "eval.kim" },
        new EvaluatorNote("Adam 1 waited at the car for a partner", NoteMark.AreaForImprovement, "A1") { Number = 3, About = GoldenDrill.T0.AddSeconds(120), Written = WrittenAt.AddMinutes(2), Author = "eval.ortiz" },
        new RatingDecided("OBJ-2", ExerciseRating.MajorChallenges, ExerciseRating.Unable, "Adam 1 held, but Adam 5 was sent within seconds") { Number = 4, About = GoldenDrill.T0.AddSeconds(400), Written = WrittenAt.AddMinutes(3), Author = "eval.ortiz" },
    ];

    public static async Task<AarDraft> DraftAsync() => AarDraft.Build(await ReportAsync(), Notes);
}
