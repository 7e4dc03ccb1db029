using Command.Domain.AfterAction;
using Command.Recording.AfterAction;
using Command.Recording.Reading;

namespace Command.Host.Replays;

/// <summary>
/// The after-action report behind each replay's chart, built once per replay on each host that is asked (the chart
/// asks on every selection) and read from the recording, which every host reaches. Keeps the last few.
/// </summary>
public sealed class ReplayReports(SessionCatalogue catalogue)
{
    /// <summary>Replays whose reports are kept: 16.</summary>
    public const int Kept = 16;

    private readonly Lock sync = new();
    private readonly LinkedList<(string ReplayId, Lazy<Task<AfterActionReport>> Report)> recent = new();

    public Task<AfterActionReport> ForAsync(string replayId, string incidentId)
    {
        lock (sync)
        {
            for (var node = recent.First; node is not null; node = node.Next)
            {
                if (node.Value.ReplayId == replayId)
                {
                    recent.Remove(node);
                    recent.AddFirst(node);
                    return node.Value.Report.Value;
                }
            }

            var report = new Lazy<Task<AfterActionReport>>(async () => await AfterActionExport.BuildAsync(await catalogue.OpenAsync(incidentId, CancellationToken.None)));
            recent.AddFirst((replayId, report));
            while (recent.Count > Kept)
            {
                recent.RemoveLast();
            }

            return report.Value;
        }
    }
}
