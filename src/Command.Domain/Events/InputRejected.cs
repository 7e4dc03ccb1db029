using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Events;

/// <summary>
/// An input arrived and was refused. Kept with the raw text because no other system keeps it, and an
/// after-action team needs to see what arrived and why it was not used.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InputRejected(ReportSource Source, RejectReason Reason, string Detail, string? UnitId, string Raw) : IncidentEvent;
