using Command.Domain.Validation;

namespace Command.Ingest.Intake;

/// <summary>What happened to each item of a batch, in input order.</summary>
public sealed record IntakeOutcome(int Accepted, IReadOnlyList<ItemRejection> Rejected);

/// <summary>One refused item: its index in the batch, its unit where known, and why.</summary>
public sealed record ItemRejection(int Index, string? UnitId, Rejection Rejection);
