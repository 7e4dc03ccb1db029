using System.Diagnostics.Metrics;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>Counts accepted and rejected inputs by source and reason (meter "Command.Ingest").</summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "Command.Ingest";

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Counter<long> lost;

    public IntakeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("command.ingest.accepted", "{report}", "Position reports accepted");
        rejected = meter.CreateCounter<long>("command.ingest.rejected", "{input}", "Inputs rejected, by source and reason");
        lost = meter.CreateCounter<long>("command.ingest.lost", "{input}", "Inputs that could not be delivered to their incident after every attempt");
    }

    public void Accepted(ReportSource source, int count) =>
        accepted.Add(count, new KeyValuePair<string, object?>("source", source.ToString()));

    public void Lost(ReportSource source, int count) =>
        lost.Add(count, new KeyValuePair<string, object?>("source", source.ToString()));

    public void Rejected(ReportSource source, RejectReason reason) =>
        rejected.Add(1, new KeyValuePair<string, object?>("source", source.ToString()), new KeyValuePair<string, object?>("reason", RejectReasons.Name(reason)));
}
