using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>
/// What happened to each item of a batch, in input order; and, when no report of it passed the stateless screen and the
/// incident takes nothing (it does not exist, was closed, or cannot record now), why: <paramref name="Incident"/>.
/// </summary>
public sealed record IntakeOutcome(int Accepted, IReadOnlyList<ItemRejection> Rejected, Rejection? Incident = null);

/// <summary>One refused item: its index in the batch, its unit where known, and why.</summary>
public sealed record ItemRejection(int Index, string? UnitId, Rejection Rejection);
