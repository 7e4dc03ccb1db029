namespace Command.Ingest.Http;

/// <summary>The answer to a report batch: how many were accepted, and why each refused one was.</summary>
public sealed record ReportBatchResult(int Accepted, IReadOnlyList<ReportItemError> Rejected);

/// <summary>One refused report: its index in the batch, its unit, a reason code and a sentence.</summary>
public sealed record ReportItemError(int Index, string? UnitId, string Reason, string Detail);
