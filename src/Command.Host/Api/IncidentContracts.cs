namespace Command.Host.Api;

/// <summary>POST /api/incidents.</summary>
public sealed record CreateIncidentRequest(string? Id, string? Name, SiteDto? Site, bool? AutoEnrol);

/// <summary>A site as the API carries it; time zone is an IANA name ("America/Denver").</summary>
public sealed record SiteDto(string? Name, LatLon? Origin, List<BuildingDto>? Buildings, List<ZoneDto>? Zones, WalksDto? Walks, string? TimeZone = null);

/// <summary>A WGS84 position in decimal degrees.</summary>
public sealed record LatLon(double? Lat, double? Lon);

/// <summary>A building footprint; its ground elevation (with its datum, hae or msl) and floor height let altitudes tell floors.</summary>
public sealed record BuildingDto(string? Id, string? Name, int? Floors, List<LatLon>? Footprint, double? GroundElevationM = null, string? ElevationDatum = null, double? FloorHeightM = null);

/// <summary>A zone: kind is hot, warm, cold, staging, casualty-collection or perimeter.</summary>
public sealed record ZoneDto(string? Id, string? Name, string? Kind, List<LatLon>? Polygon);

/// <summary>The site's walk graph.</summary>
public sealed record WalksDto(List<WalkNodeDto>? Nodes, List<WalkEdgeDto>? Edges);

/// <summary>A walk-graph node: kind is door, corridor, stair or outdoor.</summary>
public sealed record WalkNodeDto(string? Id, double? Lat, double? Lon, int? Floor, string? Kind);

/// <summary>A walk-graph edge; length defaults to the straight line.</summary>
public sealed record WalkEdgeDto(string? From, string? To, double? LengthM);

/// <summary>
/// PUT /api/incidents/{id}/threats/{threatId}; declaring it contained or neutralized needs a reason (flags are suppressed).
/// Its name and remarks say what it is ("Shooter", "male, black hoodie, rifle"), as a TAK marker's do.
/// </summary>
public sealed record ThreatRequest(double? Lat, double? Lon, double? UncertaintyM, string? Phase, int? Floor, string? Reason = null, string? Name = null, string? Remarks = null);

/// <summary>POST /api/incidents/{id}/threats/{threatId}/phase; to contained or neutralized only with a reason (flags are suppressed).</summary>
public sealed record PhaseRequest(string? Phase, string? Reason = null);

/// <summary>POST /api/incidents/{id}/units; person name, agency and ICS position (optional) fill the unit's ICS-214 log.</summary>
public sealed record EnrolRequest(string? UnitId, string? Callsign, string? Role, string? PersonName = null, string? Agency = null, string? IcsPosition = null);

/// <summary>
/// PUT /api/incidents/{id}/units/{unitId}/role. <see cref="Was"/>, when given, is the role the change is made from: a unit
/// holding another by then (reassigned meanwhile) is refused 409 <c>role-changed</c>, not changed.
/// </summary>
public sealed record RoleRequest(string? Role, string? Was = null);

/// <summary>POST /api/incidents/{id}/units/{unitId}/release: why the unit is let go (it is in the record and the paperwork).</summary>
public sealed record ReleaseRequest(string? Reason);

/// <summary>POST /api/incidents/{id}/flags/{subject}/ack.</summary>
public sealed record AcknowledgeRequest(string? Reason);

/// <summary>Close an incident: why (a drill ended, an exercise wrapped up).</summary>
public sealed record CloseRequest(string? Reason);
