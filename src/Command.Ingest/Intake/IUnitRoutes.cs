namespace Command.Ingest.Intake;

/// <summary>
/// Where a unit's radio reports go: the incident it is enrolled in. A listener's configured incident is only the
/// fallback, for units not enrolled anywhere. The host implements it over the unit grains, and finds a marker's incident
/// over the incident directory.
/// </summary>
public interface IUnitRoutes
{
    /// <summary>The incident the unit is enrolled in, or null when it is enrolled nowhere (or that is not known).</summary>
    ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken);

    /// <summary>
    /// The open incident one of whose threats was placed from the map marker of that uid (a TAK marker), or null when
    /// none was: where a deletion of that marker goes when the devices it names lead to no incident holding it.
    /// </summary>
    ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken);

    /// <summary>
    /// The open incident other than <paramref name="listeners"/> whose site <paramref name="position"/> lies on (see
    /// <see cref="Domain.Sites.SitePlace"/>), where the listener's incident's site does not hold it (or that incident is
    /// not open): where a device enrolled nowhere that reports or drops a marker there belongs. Null where none does, or
    /// more than one, or the listener's own site holds it.
    /// </summary>
    ValueTask<string?> IncidentAtAsync(Domain.Geometry.GeoPoint position, string listeners, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(null);
}

/// <summary>No routes: every report goes to its listener's incident.</summary>
public sealed class ListenerIncidentOnly : IUnitRoutes
{
    public ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
