using System.Net;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>What every listener shares: the queue, the shared options, the clock, and where refusals at the door are counted.</summary>
public sealed class IngestContext(IngestQueue queue, IngestOptions options, TimeProvider clock, IntakeMetrics metrics, RejectionLog log, ListenerMetrics listeners, IngestSources sources)
{
    /// <summary>How every source of reports turned on stands on this host.</summary>
    public IngestSources Sources => sources;

    public IngestQueue Queue => queue;

    public IngestOptions Options => options;

    public TimeProvider Clock => clock;

    /// <summary>Counts one message read, before any check.</summary>
    public void Received(ReportSource source) => listeners.Received(source);

    /// <summary>Counts a TCP connection in, once admitted.</summary>
    public void Opened(ReportSource source) => listeners.Opened(source);

    /// <summary>Counts a TCP connection out.</summary>
    public void Closed(ReportSource source) => listeners.Closed(source);

    /// <summary>
    /// Counts and logs (rate limited) a message refused for flooding, naming the listener's settings that set the limit
    /// (<paramref name="section"/>): a relay's address, a TAK Server forwarding a whole drill, needs a limit of its own. It
    /// is not recorded in the incident message by message (a flood recorded so would flood the recording too): the
    /// listener stands throttled (<see cref="IngestSources.RefusedTooFast"/>), and the incidents it feeds record that once.
    /// </summary>
    public void RateLimited(ReportSource source, EndPoint remote, string section) => RateLimited(source, SourceRange.AddressOf(remote), section);

    /// <inheritdoc cref="RateLimited(ReportSource, EndPoint, string)"/>
    public void RateLimited(ReportSource source, IPAddress address, string section)
    {
        Refused(source, new Rejection(RejectReason.RateLimited,
            $"{address} is sending faster than its rate limit ({section}:RatePerSecond; a relay sending for many units gets one of its own with {IngestSources.RelayLimit(section)})"));
        // The incidents it feeds are told: the board says why the units it carries go stale.
        sources.RefusedTooFast(section, address.ToString());
    }

    /// <summary>
    /// Counts by source and reason and logs (rate limited) a datagram or connection refused at the door: a sender not
    /// on the allow-list, a certificate not from the CA, a connection past a limit. Like a flood, it is not recorded
    /// in any incident, since anyone who can reach the port could otherwise fill the recording.
    /// </summary>
    public void Refused(ReportSource source, Rejection rejection)
    {
        // Logged before it is counted: whoever sees the count move finds its line already written.
        log.Rejected(source, rejection);
        metrics.Rejected(source, rejection.Reason);
    }
}
