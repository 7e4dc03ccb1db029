using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Grains.Units;
using Command.Grains.Zones;
using Microsoft.Extensions.Logging;

namespace Command.Grains.Incidents;

/// <summary>
/// Keeps the incident's read models told: each unit grain of its enrolment and latest fix (the fix at most once per
/// <see cref="IncidentGrainOptions.UnitSyncInterval"/>), each zone grain of its occupants, rule and flag when they
/// change. Told once a batch is recorded, and after a tick that judged the zones (a unit inside one went stale), with
/// calls nobody waits for (a failed one is logged; the next change tells again): the report path never waits on a read
/// model.
/// </summary>
internal sealed partial class ReadSide(string incidentId, IGrainFactory grains, TimeSpan unitSyncInterval, ILogger logger)
{
    private readonly Dictionary<string, DateTimeOffset> fixesTold = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZoneReading> zonesTold = new(StringComparer.Ordinal);
    private long zonesJudgedTold = -1;
    private readonly List<Task> inFlight = [];

    /// <summary>Completes once every telling made so far has landed (or failed, and was logged).</summary>
    public Task Told()
    {
        inFlight.RemoveAll(t => t.IsCompleted);
        return Task.WhenAll(inFlight);
    }

    /// <summary>Tells what a recorded batch changed.</summary>
    public void Recorded(IReadOnlyList<IncidentEvent> batch, IncidentStream stream)
    {
        var projection = stream.Projection;
        var zonesMayHaveChanged = false;
        foreach (var e in batch)
        {
            switch (e)
            {
                case UnitEnrolled or UnitRoleChanged:
                    var unitId = e is UnitEnrolled enrolled ? enrolled.UnitId : ((UnitRoleChanged)e).UnitId;
                    if (projection.Units.TryGetValue(unitId, out var unit))
                    {
                        Tell(grains.GetGrain<IUnitGrain>(unitId).Enrolled(new UnitEnrolment(incidentId, unit.Callsign, unit.Role, unit.EnrolledAt)));
                    }

                    zonesMayHaveChanged = true;
                    break;
                case UnitReleased release:
                    fixesTold.Remove(release.UnitId);
                    Tell(grains.GetGrain<IUnitGrain>(release.UnitId).Released(incidentId));
                    zonesMayHaveChanged = true;
                    break;
                case PositionAccepted accepted:
                    TellFix(accepted.Report.UnitId, projection);
                    zonesMayHaveChanged = true;
                    break;
                case IncidentOpened or SiteSet or FlagRaised or FlagEscalated or FlagCleared or FlagAcknowledged or ThreatSet or ThreatPhaseChanged:
                    zonesMayHaveChanged = true;
                    break;
            }
        }

        // The ticks folded before any input may have judged the zones too.
        if (zonesMayHaveChanged || projection.ZonesJudged != zonesJudgedTold)
        {
            TellZones(stream);
        }
    }

    /// <summary>
    /// The clock moved on with no input: tells the zones what changed if the ticks judged them. A unit inside a zone that
    /// went stale is shown so, and the zone's rule broken, with no report to bring it.
    /// </summary>
    public void Ticked(IncidentStream stream)
    {
        if (stream.Projection.ZonesJudged != zonesJudgedTold)
        {
            TellZones(stream);
        }
    }

    /// <summary>Tells every read model the whole state (after activation, when they may have missed tellings).</summary>
    public void TellAll(IncidentStream stream)
    {
        foreach (var unit in stream.Projection.Units.Values)
        {
            Tell(grains.GetGrain<IUnitGrain>(unit.UnitId).Enrolled(new UnitEnrolment(incidentId, unit.Callsign, unit.Role, unit.EnrolledAt)));
            fixesTold.Remove(unit.UnitId);
            TellFix(unit.UnitId, stream.Projection);
        }

        zonesTold.Clear();
        TellZones(stream);
    }

    /// <summary>The incident closed: its units are free to be routed elsewhere.</summary>
    public void Release(IncidentStream stream)
    {
        foreach (var unitId in stream.Projection.Units.Keys)
        {
            Tell(grains.GetGrain<IUnitGrain>(unitId).Released(incidentId));
        }
    }

    private void TellFix(string unitId, IncidentProjection projection)
    {
        if (!projection.Units.TryGetValue(unitId, out var unit) || unit.LastFix is not { } fix)
        {
            return;
        }

        if (fixesTold.TryGetValue(unitId, out var told) && (told >= fix.FixTime || projection.Clock - told < unitSyncInterval))
        {
            return;
        }

        fixesTold[unitId] = fix.FixTime;
        Tell(grains.GetGrain<IUnitGrain>(unitId).Fixed(incidentId, fix));
    }

    private void TellZones(IncidentStream stream)
    {
        var projection = stream.Projection;
        if (projection.Occupancy is not { } occupancy)
        {
            return;
        }

        zonesJudgedTold = projection.ZonesJudged;
        // In the words of the incident's clock now, as the board says them: those it went up with stop growing.
        var flags = projection.ZoneFlags().ToDictionary(f => f.Subject, StringComparer.Ordinal);
        foreach (var zone in occupancy.Zones)
        {
            var occupants = occupancy.Occupants(zone.ZoneId)
                .OrderBy(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => new ZoneOccupant(o.Key, projection.Units.TryGetValue(o.Key, out var u) ? u.Callsign : o.Key,
                    projection.DrillClock.IncidentTimeAt(o.Value), projection.SilentSince(o.Key)))
                .ToImmutableArray();
            var flag = flags.TryGetValue(Domain.Assessment.ClosingAssessment.ZoneSubject(zone.ZoneId), out var f)
                ? new ZoneFlag(f.Level, f.Rule, f.Reason, f.RaisedAt, f.Acknowledged)
                : null;
            var reading = new ZoneReading(zone, occupants, projection.ZoneRuleBrokenSince(zone.ZoneId), flag, stream.LastSequence);
            if (zonesTold.TryGetValue(zone.ZoneId, out var told) && Same(told, reading))
            {
                continue;
            }

            zonesTold[zone.ZoneId] = reading;
            Tell(grains.GetGrain<IZoneGrain>(ZoneKey.Format(incidentId, zone.ZoneId)).Tell(reading));
        }
    }

    private void Tell(Task call)
    {
        inFlight.RemoveAll(t => t.IsCompleted);
        inFlight.Add(call.ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                LogTellFailed(logger, t.Exception!.GetBaseException(), incidentId);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId} could not tell a unit or zone grain; it tells again with the next change")]
    private static partial void LogTellFailed(ILogger logger, Exception exception, string incidentId);

    private static bool Same(ZoneReading a, ZoneReading b) =>
        a.Occupants.SequenceEqual(b.Occupants) && a.RuleBrokenSince == b.RuleBrokenSince && a.Flag == b.Flag;
}
