using System.Diagnostics.Metrics;
using Command.Domain.Reports;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// Counts what the radio listeners read (meter "Command.Ingest"): every datagram, line or event, before any check,
/// so that what was received can be set against what was accepted and refused.
/// </summary>
public sealed class ListenerMetrics
{
    private readonly Counter<long> received;

    public ListenerMetrics(IMeterFactory meters) =>
        received = meters.Create(IntakeMetrics.MeterName).CreateCounter<long>("command.ingest.received", "{message}", "Messages read by the radio listeners, before any check");

    public void Received(ReportSource source) => received.Add(1, new KeyValuePair<string, object?>("source", source.ToString()));
}
