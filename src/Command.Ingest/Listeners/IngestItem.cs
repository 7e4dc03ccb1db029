using Command.Domain.Threats;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>One parsed message on its way to an incident: a report (or rejection), or a threat to place.</summary>
public sealed record IngestItem(string Incident, UnknownUnitPolicy UnknownUnits, IncomingReport? Report, Threat? Threat = null, string? Actor = null);
