using Command.Ingest.Intake;

namespace Command.Ingest.Http;

/// <summary>
/// The order a report batch's items are taken in: each unit's reports by their fix time, oldest first, in the places its
/// reports held in the batch (another unit's items, and items that are no report, stay where they were sent). An app that
/// uploads its backlog newest first had every older fix of it refused as out of order, the detail blaming its clock.
/// The sort is stable: reports of one instant keep their order, the first one sent taken first.
/// </summary>
public sealed class ReportBatchOrder
{
    private readonly int[] sentIndex;

    private ReportBatchOrder(IReadOnlyList<IncomingReport> items, int[] sentIndex) => (Items, this.sentIndex) = (items, sentIndex);

    /// <summary>The items, in the order they are to be taken.</summary>
    public IReadOnlyList<IncomingReport> Items { get; }

    /// <summary>Orders <paramref name="sent"/>, the batch as its caller sent it.</summary>
    public static ReportBatchOrder Of(IReadOnlyList<IncomingReport> sent)
    {
        var order = Enumerable.Range(0, sent.Count).ToArray();
        foreach (var places in Enumerable.Range(0, sent.Count).Where(i => sent[i] is { Rejection: null, Report: not null })
            .GroupBy(i => sent[i].Report!.UnitId, StringComparer.Ordinal).Select(unit => unit.ToArray()))
        {
            var byTime = places.OrderBy(i => sent[i].Report!.FixTime).ToArray();
            for (var k = 0; k < places.Length; k++)
            {
                order[places[k]] = byTime[k];
            }
        }

        return new ReportBatchOrder([.. order.Select(i => sent[i])], order);
    }

    /// <summary>The outcome told by the items' places in the batch as it was sent, which is how its caller matches them.</summary>
    public IntakeOutcome AsSent(IntakeOutcome taken) => taken with
    {
        Rejected = [.. taken.Rejected.Select(r => r with { Index = sentIndex[r.Index] }).OrderBy(r => r.Index)],
    };
}
