namespace Command.Simulation.Wire;

// The host's public HTTP API bodies, as plain values: the CLI sends them, and any other client may. No HTTP here.

/// <summary>POST /api/incidents.</summary>
public sealed record CreateIncidentBody(string Id, string Name, bool AutoEnrol, SiteBody Site);

/// <summary>A site in WGS84.</summary>
public sealed record SiteBody(string Name, LatLonBody? Origin, IReadOnlyList<BuildingBody> Buildings, IReadOnlyList<ZoneBody> Zones, WalksBody? Walks, string? TimeZone = null);

/// <summary>A WGS84 position in decimal degrees.</summary>
public sealed record LatLonBody(double Lat, double Lon);

/// <summary>A building's footprint and floor count; where known, its ground elevation (and datum: hae or msl) and floor height.</summary>
public sealed record BuildingBody(string Id, string Name, int Floors, IReadOnlyList<LatLonBody> Footprint, double? GroundElevationM = null, string? ElevationDatum = null, double? FloorHeightM = null);

/// <summary>A zone; kind is hot, warm, cold, staging, casualty-collection or perimeter.</summary>
public sealed record ZoneBody(string Id, string Name, string Kind, IReadOnlyList<LatLonBody> Polygon);

/// <summary>The walk graph.</summary>
public sealed record WalksBody(IReadOnlyList<WalkNodeBody> Nodes, IReadOnlyList<WalkEdgeBody> Edges);

/// <summary>A walk-graph node; kind is door, corridor, stair or outdoor.</summary>
public sealed record WalkNodeBody(string Id, double Lat, double Lon, int Floor, string Kind);

/// <summary>A walk-graph edge; a null length means the straight line plus any floor change.</summary>
public sealed record WalkEdgeBody(string From, string To, double? LengthM);

/// <summary>PUT /api/incidents/{id}/threats/{threatId}; a reason is required to declare the threat contained or neutralized.</summary>
public sealed record ThreatBody(double Lat, double Lon, double? UncertaintyM, string Phase, int? Floor,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);

/// <summary>POST /api/incidents/{id}/units.</summary>
public sealed record EnrolUnitBody(string UnitId, string Callsign, string Role, string? PersonName = null, string? Agency = null, string? IcsPosition = null);

/// <summary>PUT /api/incidents/{id}/units/{unitId}/role.</summary>
public sealed record RoleBody(string Role);

/// <summary>
/// POST /api/incidents/{id}/drill with action "start-over": a drill played from outside went back to its beginning and
/// the round (2 for the first time) begins; the incident judges every unit afresh.
/// </summary>
public sealed record StartOverBody(string Scenario, int Round)
{
    public string Action => "start-over";
}

/// <summary>
/// POST /api/incidents/{id}/drill with action "clock": a drill played from outside plays at <paramref name="Speed"/> drill
/// seconds to each real second (1 once it ends); the incident judges its units on that clock.
/// </summary>
public sealed record ClockBody(string Scenario, double Speed)
{
    public string Action => "clock";
}

/// <summary>
/// PUT /api/incidents/{id}/exercise: the scenario played (its file name and version) and the objectives it is rated by,
/// as the host's own drill records them when it starts, so a session says which scenario it ran.
/// </summary>
public sealed record ExerciseBody(string? Scenario, string? Version, IReadOnlyList<ObjectiveBody> Objectives);

/// <summary>An exercise objective and the measures it is rated by.</summary>
public sealed record ObjectiveBody(string Id, string Title, IReadOnlyList<MeasureBody> Measures);

/// <summary>A measure and its rating bands, seconds from the threat going active.</summary>
public sealed record MeasureBody(string Measure, double? PerformedS, double? SomeChallengesS, double? MajorChallengesS);

/// <summary>POST /api/incidents/{id}/reports.</summary>
public sealed record ReportsBody(IReadOnlyList<ReportBody> Reports);

/// <summary>One position report; fixTime is UTC ("2026-11-25T10:00:00Z").</summary>
public sealed record ReportBody(
    string UnitId, DateTime FixTime, double Lat, double Lon, double? AltitudeM, double? AccuracyM, double? SpeedMps, double? CourseDeg, string? Callsign, string Source);

/// <summary>The answer to a reports POST (200, or 400 when some were refused).</summary>
public sealed record ReportsOutcomeBody(int Accepted, IReadOnlyList<RejectedReportBody> Rejected);

/// <summary>One refused report: its index in the batch, unit, reason code and explanation.</summary>
public sealed record RejectedReportBody(int Index, string? UnitId, string Reason, string? Detail);

/// <summary>An error answer such as 409 {"reason":"incident-exists"}.</summary>
public sealed record ProblemBody(string? Reason, string? Detail);
