using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Json;

/// <summary>
/// A batch read from a request body: its items, each parsed or refused on its own, or why the body as a whole was
/// refused (<see cref="RejectReason.Malformed"/> or <see cref="RejectReason.Oversized"/>), in which case it has no items.
/// </summary>
public sealed record ReportBatchRead(IReadOnlyList<IncomingReport> Items, Rejection? Refusal);
