using System.Net;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>What every listener shares: the queue, the shared options, the clock, and where refused floods are counted.</summary>
public sealed class IngestContext(IngestQueue queue, IngestOptions options, TimeProvider clock, IntakeMetrics metrics, RejectionLog log)
{
    public IngestQueue Queue => queue;

    public IngestOptions Options => options;

    public TimeProvider Clock => clock;

    /// <summary>
    /// Counts and logs (rate limited) a message refused for flooding. It is not recorded in the incident: a flood
    /// recorded message by message would flood the recording too.
    /// </summary>
    public void RateLimited(ReportSource source, EndPoint remote)
    {
        metrics.Rejected(source, RejectReason.RateLimited);
        log.Rejected(source, new Rejection(RejectReason.RateLimited, $"{remote} is sending faster than its rate limit"));
    }
}
