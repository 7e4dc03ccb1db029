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

    public IntakeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("command.ingest.accepted", "{report}", "Position reports accepted");
        rejected = meter.CreateCounter<long>("command.ingest.rejected", "{input}", "Inputs rejected, by source and reason");
    }

    public void Accepted(ReportSource source, int count) =>
        accepted.Add(count, new KeyValuePair<string, object?>("source", source.ToString()));

    public void Rejected(ReportSource source, RejectReason reason) =>
        rejected.Add(1, new KeyValuePair<string, object?>("source", source.ToString()), new KeyValuePair<string, object?>("reason", RejectReasons.Name(reason)));
}
