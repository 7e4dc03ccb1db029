using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;

namespace Command.Ingest.Listeners;

/// <summary>
/// Turns a CoT outcome into the item queued for the incident, applying what its source may do: a hostile marker sets
/// the threat only when the source's allow-list entry permits it (loopback, by default), and over TLS a certificate
/// reports for its own unit only. What is not permitted is refused as not-allowed and recorded with its raw text.
/// </summary>
internal static class CotItems
{
    public static IngestItem From(CotOutcome outcome, string incident, UnknownUnitPolicy unknownUnits, RadioSource source)
    {
        if (outcome.Threat is { } threat)
        {
            // The marker and where it came from, and who placed it where the marker says: ATAK links a marker to the
            // device that dropped it, and a trainer wants to know who put the threat there.
            var actor = source.Actor(outcome.Actor ?? "cot") + (outcome.PlacedBy is { } by ? $", placed by {by}" : "");
            return source.Grant.HostileMarkers
                ? new IngestItem(incident, unknownUnits, null, threat, actor, outcome.Time, outcome.Raw, PlacedFrom: outcome.PlacedFrom)
                : Refused(incident, unknownUnits, outcome.Raw, null,
                    $"hostile marker from {actor} may not set the threat: HostileMarkers is off for {source.Grant.Range} ({source.Grant.Key})") with { RoutedBy = outcome.PlacedFrom };
        }

        if (outcome.Report is { Rejection: not null } && outcome.PlacedFrom is { } placedFrom)
        {
            // A hostile marker refused as it was read: to the incident of the unit whose device placed it.
            return new IngestItem(incident, unknownUnits, outcome.Report, RoutedBy: placedFrom);
        }

        if (outcome.Deletion is { } deletion)
        {
            // Deleting the threat's marker, or marking it as other than hostile, is a word about the threat: from a source
            // that may place it. From any other, a marker changed is refused as it always was, as no unit's position. A
            // deletion naming a unit's own device is its sign-off, from any source that may report for that unit.
            var actor = source.Actor(outcome.Actor ?? "cot");
            var otherwise = source.Grant.HostileMarkers ? outcome.Report
                : outcome.Report ?? Refused(incident, unknownUnits, outcome.Raw, null,
                    $"marker deletion from {actor} may not touch the threat: HostileMarkers is off for {source.Grant.Range} ({source.Grant.Key})").Report;
            var maySignOff = deletion.Became is null && (source.Certificate is not { } bound || bound.UnitId == deletion.Marker);
            return new IngestItem(incident, unknownUnits, null, Actor: actor, MarkedAt: outcome.Time, Raw: outcome.Raw, Deletion: deletion, Otherwise: otherwise,
                MayTouchThreat: source.Grant.HostileMarkers, MaySignOff: maySignOff) { Sender = source };
        }

        // A unit's own report or alert: over TLS, for the certificate's unit only.
        if (source.Certificate is { } certificate && (outcome.Alert?.UnitId ?? outcome.Report?.Report?.UnitId) is { } unitId && unitId != certificate.UnitId)
        {
            return Refused(incident, unknownUnits, outcome.Raw, unitId, $"certificate {certificate.Subject} is bound to unit {certificate.UnitId}, not {unitId}");
        }

        if (outcome.Alert is { } alert)
        {
            return new IngestItem(incident, unknownUnits, null, Actor: source.Actor(outcome.Actor ?? "cot"), MarkedAt: outcome.Time, Raw: outcome.Raw, Alert: alert);
        }

        return new IngestItem(incident, unknownUnits, outcome.Report);
    }

    private static IngestItem Refused(string incident, UnknownUnitPolicy unknownUnits, string raw, string? unitId, string detail) =>
        new(incident, unknownUnits, IncomingReport.Refused(ReportSource.CoT, raw, new Rejection(RejectReason.NotAllowed, detail), unitId));
}
