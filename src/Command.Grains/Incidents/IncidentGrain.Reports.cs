using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Units;

namespace Command.Grains.Incidents;

/// <summary>
/// Report batches: each unit's reports claimed for this incident (a unit reports into one incident at a time), folded in
/// order with what ingest already refused, recorded, and answered report by report.
/// </summary>
public sealed partial class IncidentGrain
{
    private readonly FoldTurns turns = new();

    public async Task<Rejection?> Takes() => await UnavailableAsync() ?? Missing();

    public async Task<ImmutableArray<Rejection?>> Submit(ImmutableArray<PositionReport> reports, ImmutableArray<InputRejected> refused, bool? autoEnrol)
    {
        if ((await UnavailableAsync() ?? Missing()) is { } rejection)
        {
            return [.. reports.Select(_ => (Rejection?)rejection)];
        }

        // A batch that enrols a unit on its first report claims it from its unit grain first, which means waiting; batches
        // still fold in the order they arrive, so one that arrives meanwhile waits its turn (and none waits otherwise).
        var enrol = autoEnrol ?? stream.Projection.AutoEnrol;
        // Whose rule refuses a unit not enrolled: its source's (a range of APRS-IS brings every station in range), or the incident's.
        var notEnrolled = enrol ? null
            : autoEnrol is false ? "its source takes reports of enrolled units only (its UnknownUnits is Refuse)"
            : $"incident '{IncidentId}' does not enrol units on first report";
        var newcomers = enrol ? Newcomers(reports) : null;
        FoldTurns.Turn? turn = null;
        Dictionary<string, Rejection?>? heldElsewhere = null;
        if (newcomers is not null || !turns.Idle)
        {
            turn = turns.Take();
            try
            {
                var claims = newcomers is null ? null : ClaimAsync(newcomers);
                await turn.Ready;
                heldElsewhere = claims is null ? null : await claims;
            }
            catch
            {
                turn.Done();
                throw;
            }

            if (Missing() is { } gone)
            {
                // Closed while this batch waited its turn.
                turn.Done();
                await ReleaseAsync(heldElsewhere?.Where(c => c.Value is null).Select(c => c.Key) ?? []);
                return [.. reports.Select(_ => (Rejection?)gone)];
            }
        }

        var batch = new List<IncidentEvent>(reports.Length + refused.Length + 8);
        var results = new Rejection?[reports.Length];
        try
        {
            Fold(reports, refused, notEnrolled, heldElsewhere, results, batch);
        }
        finally
        {
            turn?.Done();
        }

        try
        {
            await RecordAsync(batch);
        }
        catch (Exception ex) when (IsRecordingDown(ex))
        {
            // Nothing of the batch is kept: the sender is told to send it again once the recording answers, and the units
            // it would have enrolled are let go.
            await ReleaseAsync(heldElsewhere?.Where(c => c.Value is null).Select(c => c.Key) ?? []);
            var down = new Rejection(RejectReason.Unavailable, $"incident '{IncidentId}' cannot record now ({ex.GetType().Name}); send it again shortly");
            return [.. reports.Select(_ => (Rejection?)down)];
        }

        return [.. results];
    }

    public async Task<ImmutableArray<PositionReport>> ClockCorrectedFixes(ImmutableArray<string> unitIds)
    {
        if ((await UnavailableAsync() ?? Missing()) is not null)
        {
            return [];
        }

        return [.. unitIds.Select(id => stream.Projection.Units.GetValueOrDefault(id)?.LastFix).OfType<PositionReport>().Where(f => f.ClockCorrectionS is not null and not 0)];
    }

    // Folds a batch of reports (and the inputs already refused at ingest) into the stream, in order; nothing waits.
    private void Fold(ImmutableArray<PositionReport> reports, ImmutableArray<InputRejected> refused, string? notEnrolled, Dictionary<string, Rejection?>? heldElsewhere,
        Rejection?[] results, List<IncidentEvent> batch)
    {
        lastInput = clock.GetUtcNow();
        var now = lastInput;
        foreach (var e in refused)
        {
            stream.Record(e, now, batch);
        }

        // A unit with a fix of this batch on time keeps the right time: another of its fixes late is old, not its clock slow.
        var onTime = UnitClocksShown.OnTimeIn(reports, now, validation);
        for (var i = 0; i < reports.Length; i++)
        {
            var report = reports[i];
            if ((InputLimits.Check(report) ?? ReportGround.Check(stream.Projection.Site!, report)) is { } invalid)
            {
                results[i] = Refuse(report, invalid, now, batch);
                continue;
            }

            if (!stream.Projection.Units.TryGetValue(report.UnitId, out var unit))
            {
                if (stream.Projection.Released.GetValueOrDefault(report.UnitId) is { } let)
                {
                    results[i] = Refuse(report, LetGo(let), now, batch);
                    continue;
                }

                if (notEnrolled is not null)
                {
                    results[i] = Refuse(report, new Rejection(RejectReason.UnknownUnit, $"unit '{report.UnitId}' is not enrolled and {notEnrolled}"), now, batch);
                    continue;
                }

                if (heldElsewhere?.GetValueOrDefault(report.UnitId) is { } held)
                {
                    results[i] = Refuse(report, held, now, batch);
                    continue;
                }

                // A radio cannot be asked for another callsign, and refusing it would lose its positions: one that reads as a
                // unit's enrolled already is enrolled with its unit id beside it, so the board and the paperwork tell them apart.
                var callsign = stream.Projection.Callsigns.Distinct(report.UnitId, report.Callsign ?? report.UnitId);
                stream.Record(new UnitEnrolled(report.UnitId, callsign, report.RoleHint ?? UnitRole.Unassigned, $"auto-enrol ({report.Source})"), now, batch);
                unit = stream.Projection.Units[report.UnitId];
            }

            var sequence = FixSequence.Check(unit.LastFix, report, validation, stream.Projection.DrillClock, now,
                clockShownRight: onTime.Contains(report.UnitId) || clocksShown.Right(report.UnitId));
            if ((unit.LastFix is { } latest ? secondDevices.Screen(report, latest, sequence, validation, stream.Projection.DrillClock, stream.Projection.Round) : sequence) is { } refusal)
            {
                results[i] = Refuse(report, refusal, now, batch);
                continue;
            }

            // A device that now calls itself otherwise is said once it is taken, as it stands before: not its first callsign,
            // which differs from the one enrolled at no one's doing, and not every report of a device flapping between two.
            var renamed = unit.Device?.Turn(report.UnitId, report.Callsign);
            results[i] = stream.Record(new PositionAccepted(report), now, batch);
            if (results[i] is null)
            {
                secondDevices.Took(report, stream.Projection.DrillClock, stream.Projection.Round);
                clocksShown.Took(report, now, validation);
                if (renamed is not null)
                {
                    stream.Record(renamed, now, batch);
                }
            }
        }
    }

    /// <summary>The units a batch would enrol on their first report (each once), or null when there are none.</summary>
    private List<PositionReport>? Newcomers(ImmutableArray<PositionReport> reports)
    {
        List<PositionReport>? newcomers = null;
        HashSet<string>? seen = null;
        foreach (var report in reports)
        {
            // A first batch from a large drill enrols thousands: each is looked up once, not against every one before it.
            if (!stream.Projection.Units.ContainsKey(report.UnitId) && !stream.Projection.Released.ContainsKey(report.UnitId) && InputLimits.Check(report) is null && ReportGround.Check(stream.Projection.Site!, report) is null
                && (seen ??= new(StringComparer.Ordinal)).Add(report.UnitId))
            {
                (newcomers ??= []).Add(report);
            }
        }

        return newcomers;
    }

    /// <summary>
    /// Claims the units a batch would enrol on their first report, as an enrolment by a commander does, so a report
    /// sent to this incident cannot enrol a unit another open incident holds. Returns the refusals by unit id; a unit
    /// claimed is in the map with none.
    /// </summary>
    private async Task<Dictionary<string, Rejection?>> ClaimAsync(List<PositionReport> newcomers)
    {
        var at = clock.GetUtcNow();
        var claims = newcomers.ToDictionary(
            r => r.UnitId,
            r => GrainFactory.GetGrain<IUnitGrain>(r.UnitId).Claim(new UnitEnrolment(IncidentId, r.Callsign ?? r.UnitId, r.RoleHint ?? UnitRole.Unassigned, at)),
            StringComparer.Ordinal);
        await Task.WhenAll(claims.Values);
        return claims.ToDictionary(c => c.Key, c => c.Value.Result, StringComparer.Ordinal);
    }

    // A unit let go is not taken back by its own reports: a radio caught by the wrong drill would be caught again at once.
    private Rejection LetGo(UnitReleased release) => new(RejectReason.UnknownUnit, FormattableString.Invariant(
        $"unit '{release.UnitId}' was released from incident '{IncidentId}' at {release.Time.UtcDateTime:HH:mm:ss} UTC by {release.Actor} ({release.Reason}): its reports are not taken here unless a commander enrols it here again"));

    private async Task ReleaseAsync(IEnumerable<string> unitIds)
    {
        foreach (var unitId in unitIds)
        {
            await GrainFactory.GetGrain<IUnitGrain>(unitId).Released(IncidentId);
        }
    }

    private Rejection Refuse(PositionReport report, Rejection rejection, DateTimeOffset now, List<IncidentEvent> batch)
    {
        stream.Record(new InputRejected(report.Source, rejection.Reason, rejection.Detail, report.UnitId, EventJson.Serialize(report)), now, batch);
        return rejection;
    }
}
