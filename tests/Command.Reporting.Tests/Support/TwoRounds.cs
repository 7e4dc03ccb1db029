using Command.Domain.AfterAction;

namespace Command.Reporting.Tests.Support;

/// <summary>
/// The golden drill started over once: A2 walks the first round at 2.4 m/s and the second at 1.2 m/s, reaching the
/// threat in both; A1 holds and is flagged in both, acknowledged in the first alone; A4 and A5 report in the first alone.
/// </summary>
public static class TwoRounds
{
    public const string IncidentId = "cedar-hollow-rounds";

    /// <summary>When round 2 began: the drill started over.</summary>
    public static readonly DateTimeOffset StartedOver = GoldenDrill.T0.AddSeconds(GoldenDrill.Seconds);

    public static async Task<AfterActionReport> ReportAsync() =>
        await AfterActionFold.BuildAsync(GoldenDrill.RunAgain(IncidentId, 2.4, id => id, rounds: 2).ToAsyncEnumerable());
}
