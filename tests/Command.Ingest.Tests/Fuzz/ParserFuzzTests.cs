using Command.Domain.Validation;
using Command.Fuzz;

namespace Command.Ingest.Tests.Fuzz;

/// <summary>Ten thousand seeded mutations of valid messages per parser: nothing escapes, every outcome is named.</summary>
public sealed class ParserFuzzTests
{
    private static readonly HashSet<string> Named =
        [.. Enum.GetValues<RejectReason>().Select(RejectReasons.Name), "report", "threat", "identified", "skipped", "control", "ping", "alert", "deletion",
            // A KISS stream that holds no whole frame, and a frame that is no APRS packet (passed over, as a receiver does).
            "no-frame", "not-aprs"];

    public static TheoryData<string> Parsers => [.. FuzzTarget.All().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Mutated_messages_are_reports_or_named_rejections(string parser)
    {
        var target = FuzzTarget.All().Single(t => t.Name == parser);
        var outcomes = target.Run(10_000, seed: 20260314);
        Assert.Equal(10_000, outcomes.Values.Sum());
        Assert.DoesNotContain(outcomes.Keys, k => !Named.Contains(k));
        Assert.Contains("report", outcomes.Keys);
        Assert.Contains("malformed", outcomes.Keys);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Every_seed_is_a_valid_message_of_its_parser(string parser)
    {
        var target = FuzzTarget.All().Single(t => t.Name == parser);
        Assert.All(target.Corpus, seed => Assert.Contains(target.Classify(seed), new[] { "report", "threat", "alert", "deletion", "identified", "skipped", "no-fix", "not-a-position" }));
    }

    [Fact]
    public void The_same_seed_replays_the_same_mutations()
    {
        var corpus = new[] { "$GPRMC,145958.000,A,3944.3520,N*00", "K1ABC>APRS:!3944.35N/10459.42W>" };
        var first = new Mutator(corpus, 7);
        var second = new Mutator(corpus, 7);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => first.Next()), Enumerable.Range(0, 100).Select(_ => second.Next()));
    }
}
