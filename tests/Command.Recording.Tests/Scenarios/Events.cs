using Command.Domain.Events;

namespace Command.Recording.Tests.Scenarios;

/// <summary>Plain sequenced events for storage tests.</summary>
public static class Events
{
    public static IncidentEvent[] Ticks(long from, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (IncidentEvent)new ClockTicked { Sequence = from + i, Time = Drill.T0.AddSeconds(from + i) })];

    public static async Task<List<long>> SequencesAsync(Reading.SessionReader reader) =>
        await reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken).Select(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);

    public static List<long> Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];
}
