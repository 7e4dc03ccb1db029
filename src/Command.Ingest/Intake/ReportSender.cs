namespace Command.Ingest.Intake;

/// <summary>
/// Who sent a batch, as its credential says: the name it is recorded under, and the units it may report for
/// (null: any unit that is not bound to another credential). Radios carry no credential and send as <c>null</c>.
/// </summary>
public sealed record ReportSender(string Actor, IReadOnlySet<string>? Units);
