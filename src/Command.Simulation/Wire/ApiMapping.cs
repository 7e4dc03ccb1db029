using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Wire;

/// <summary>Maps domain values and a scenario's setup to the API's bodies.</summary>
public static class ApiMapping
{
    /// <summary>The create-incident body for a scenario's setup.</summary>
    /// <param name="setup">The scenario's opening state.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="autoEnrol">Enrol units on their first report. Default true.</param>
    public static CreateIncidentBody ToCreateIncident(ScenarioSetup setup, string incidentId, bool autoEnrol = true) =>
        new(incidentId, setup.Name, autoEnrol, ToSite(setup.Site));

    public static SiteBody ToSite(Site site) => new(
        site.Name,
        ToLatLon(site.Origin),
        [.. site.Buildings.Select(b => new BuildingBody(b.BuildingId, b.Name, b.Floors, [.. b.Footprint.Select(ToLatLon)], b.GroundElevationM,
            b.ElevationDatum is { } datum ? AltitudeDatums.Name(datum) : null, b.FloorHeightM))],
        [.. site.Zones.Select(z => new ZoneBody(z.ZoneId, z.Name, ZoneKindNames.Name(z.Kind), [.. z.Polygon.Select(ToLatLon)]))],
        site.Walks is { } w
            ? new WalksBody(
                [.. w.Nodes.Select(n => new WalkNodeBody(n.NodeId, n.Position.Latitude, n.Position.Longitude, n.Floor, n.Kind))],
                [.. w.Edges.Select(e => new WalkEdgeBody(e.From, e.To, e.LengthM))])
            : null,
        site.TimeZone);

    public static ThreatBody ToThreat(Threat threat, string? reason = null) =>
        new(threat.Position.Latitude, threat.Position.Longitude, threat.UncertaintyM, ThreatPhases.Name(threat.Phase), threat.Floor, reason);

    public static EnrolUnitBody ToEnrolUnit(UnitEnrolment unit) =>
        new(unit.UnitId, unit.Callsign, UnitRoles.Name(unit.Role), unit.Person?.Name, unit.Person?.Agency, unit.Person?.IcsPosition);

    public static RoleBody ToRole(UnitRole role) => new(UnitRoles.Name(role));

    public static ExerciseBody ToExercise(Domain.Exercises.Exercise exercise) => new(
        exercise.Scenario, exercise.ScenarioVersion,
        [.. exercise.Objectives.Select(o => new ObjectiveBody(o.ObjectiveId, o.Title,
            [.. o.Measures.Select(m => new MeasureBody(m.Measure, Band(m.PerformedS), Band(m.SomeChallengesS), Band(m.MajorChallengesS)))]))]);

    // A band a measure leaves open is no number: the API takes it as null.
    private static double? Band(double seconds) => double.IsFinite(seconds) ? seconds : null;

    public static ReportBody ToReport(PositionReport r) => new(
        r.UnitId, r.FixTime.UtcDateTime, r.Position.Latitude, r.Position.Longitude, r.AltitudeM, r.AccuracyM, r.SpeedMps, r.CourseDeg, r.Callsign,
        r.Source.ToString().ToLowerInvariant());

    private static LatLonBody ToLatLon(GeoPoint p) => new(p.Latitude, p.Longitude);
}
