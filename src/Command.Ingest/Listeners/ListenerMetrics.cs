using System.Diagnostics.Metrics;
using Command.Domain.Reports;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// Counts what the radio listeners read (meter "Command.Ingest"): every datagram, line or event, before any check,
/// so that what was received can be set against what was accepted and refused; and the TCP connections they hold open.
/// </summary>
public sealed class ListenerMetrics
{
    private readonly Counter<long> received;
    private readonly UpDownCounter<long> connections;

    public ListenerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(IntakeMetrics.MeterName);
        received = meter.CreateCounter<long>("command.ingest.received", "{message}", "Messages read by the radio listeners, before any check");
        connections = meter.CreateUpDownCounter<long>("command.ingest.connections", "{connection}", "TCP connections the radio listeners hold open");
    }

    public void Received(ReportSource source) => received.Add(1, Tag(source));

    /// <summary>Counts a TCP connection in, once it is admitted (and its first-message deadline runs).</summary>
    public void Opened(ReportSource source) => connections.Add(1, Tag(source));

    /// <summary>Counts a TCP connection out, however it ended.</summary>
    public void Closed(ReportSource source) => connections.Add(-1, Tag(source));

    private static KeyValuePair<string, object?> Tag(ReportSource source) => new("source", source.ToString());
}
