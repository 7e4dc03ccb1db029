using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// What a parser made of one message: a report, or a rejection. Raw is the input as received, kept so a
/// rejection can be recorded with it.
/// </summary>
public sealed record IncomingReport(ReportSource Source, string Raw, PositionReport? Report, Rejection? Rejection, string? UnitId = null)
{
    public static IncomingReport Parsed(ReportSource source, string raw, PositionReport report) => new(source, raw, report, null, report.UnitId);

    public static IncomingReport Refused(ReportSource source, string raw, Rejection rejection, string? unitId = null) => new(source, raw, null, rejection, unitId);
}
