using System.Collections.Concurrent;
using Command.Grains.Directory;
using Command.Grains.Incidents;
using Command.Grains.Units;
using Command.Ingest.Intake;

namespace Command.Host.Ingest;

/// <summary>
/// Routes radio reports by the unit grains' enrolments, remembered for <see cref="Lifetime"/> so a busy radio costs
/// one grain call per unit every few seconds rather than one per report. A unit enrolled or released elsewhere is
/// routed anew within that time. That a unit is enrolled nowhere is not remembered: its own first report may enrol it
/// in the incident whose site it stands on at any moment, and its next reports, from wherever, go there (remembered,
/// one a moment later a little off that site went to the listener's incident and was refused there as enrolled
/// elsewhere, out of its commander's sight). While a unit's grain cannot be asked (the host it lived on died, and the cluster has
/// not yet moved it), its last known route stands: enrolments change by a commander's hand, not in those seconds.
/// A marker's incident is asked of the open incidents themselves, each time: a marker's deletion is rare, and its
/// threat may have been placed a moment before. Where a device enrolled nowhere stands is matched to the sites of the
/// incidents open now (each site read again after <see cref="SiteLifetime"/>: a drill's start may set it).
/// </summary>
public sealed class GrainUnitRoutes(IGrainFactory grains, TimeProvider clock) : IUnitRoutes
{
    /// <summary>How long a unit's route is remembered: 5 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Most routes remembered; past this the memory starts over (a flood of made-up unit ids cannot grow it).</summary>
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, (string? Incident, DateTimeOffset Until)> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Domain.Sites.Site Site, DateTimeOffset Until)> sites = new(StringComparer.Ordinal);

    /// <summary>How long an open incident's site is remembered: 30 s.</summary>
    public static readonly TimeSpan SiteLifetime = TimeSpan.FromSeconds(30);

    public async ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (routes.TryGetValue(unitId, out var known) && known.Until > now)
        {
            return known.Incident;
        }

        UnitRecord? record;
        try
        {
            record = await grains.GetGrain<IUnitGrain>(unitId).Get().WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && known != default)
        {
            return known.Incident;
        }

        if (routes.Count >= Capacity)
        {
            routes.Clear();
        }

        // Enrolled nowhere is kept only as the last known route, for when the grain cannot be asked.
        routes[unitId] = (record?.IncidentId, record?.IncidentId is null ? now : now + Lifetime);
        return record?.IncidentId;
    }

    public async ValueTask<string?> IncidentAtAsync(Domain.Geometry.GeoPoint position, string listeners, CancellationToken cancellationToken)
    {
        if (!position.IsValid)
        {
            return null;
        }

        var sites = await OpenSitesAsync(cancellationToken);
        if (sites.Any(s => s.IncidentId == listeners && Domain.Sites.SitePlace.IsOn(s.Site, position)))
        {
            return null;
        }

        var on = sites.Where(s => s.IncidentId != listeners && Domain.Sites.SitePlace.IsOn(s.Site, position)).Select(s => s.IncidentId).ToList();
        return on.Count == 1 ? on[0] : null;
    }

    // The sites of the incidents open now: the list asked each time (an incident opened a moment ago counts), each site
    // remembered for SiteLifetime.
    private async ValueTask<IReadOnlyList<(string IncidentId, Domain.Sites.Site Site)>> OpenSitesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var listed = await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List().WaitAsync(cancellationToken);
        var open = new List<(string, Domain.Sites.Site)>();
        foreach (var incident in listed.Where(i => i.ClosedAt is null))
        {
            if (sites.TryGetValue(incident.IncidentId, out var known) && known.Until > now)
            {
                open.Add((incident.IncidentId, known.Site));
            }
            else if (await grains.GetGrain<IIncidentGrain>(incident.IncidentId).GetView().WaitAsync(cancellationToken) is { } view)
            {
                if (sites.Count >= Capacity)
                {
                    sites.Clear();
                }

                sites[incident.IncidentId] = (view.Site, now + SiteLifetime);
                open.Add((incident.IncidentId, view.Site));
            }
        }

        return open;
    }

    public async ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        var listed = await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List().WaitAsync(cancellationToken);
        foreach (var open in listed.Where(i => i.ClosedAt is null))
        {
            var view = await grains.GetGrain<IIncidentGrain>(open.IncidentId).GetView().WaitAsync(cancellationToken);
            if (view is not null && view.Threats.Any(t => t.Marker == marker || t.Sighted?.Marker == marker))
            {
                return open.IncidentId;
            }
        }

        return null;
    }
}
