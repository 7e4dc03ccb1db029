namespace Command.Simulation.Files;

// The file's shape as written: everything optional here so that the reader, not the JSON parser, says what is
// missing and where. SCENARIOS.md documents each field.
internal sealed class ScenarioDocument
{
    public string? Name { get; init; }
    public double? DurationS { get; init; }
    public SiteDocument? Site { get; init; }
    public ReportingDocument? Reporting { get; init; }
    public ThreatDocument? Threat { get; init; }
    public List<UnitDocument>? Units { get; init; }
    public string? Version { get; init; }
    public List<ObjectiveDocument>? Objectives { get; init; }
}

internal sealed class ObjectiveDocument
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public List<MeasureDocument>? Measures { get; init; }
}

internal sealed class MeasureDocument
{
    public string? Measure { get; init; }
    public double? PerformedS { get; init; }
    public double? SomeChallengesS { get; init; }
    public double? MajorChallengesS { get; init; }
}

internal sealed class PointDocument
{
    public double? East { get; init; }
    public double? North { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? Node { get; init; }
}

internal sealed class ThreatDocument
{
    public string? Id { get; init; }
    public List<ThreatStepDocument>? Script { get; init; }
}

internal sealed class ThreatStepDocument
{
    public double? AtS { get; init; }
    public string? Phase { get; init; }
    public PointDocument? At { get; init; }
    public double? UncertaintyM { get; init; }
    public int? Floor { get; init; }
    public string? Reason { get; init; }
}

internal sealed class UnitDocument
{
    public string? Id { get; init; }
    public string? Callsign { get; init; }
    public string? Role { get; init; }
    public string? PersonName { get; init; }
    public string? Agency { get; init; }
    public string? IcsPosition { get; init; }
    public PointDocument? Start { get; init; }
    public double? ArriveS { get; init; }
    public ReportingDocument? Reporting { get; init; }
    public List<RoleChangeDocument>? RoleChanges { get; init; }
    public List<LegDocument>? Script { get; init; }
}

internal sealed class LegDocument
{
    public string? Do { get; init; }
    public PointDocument? To { get; init; }
    public List<PointDocument>? Via { get; init; }
    public double? SpeedMps { get; init; }
    public double? DurationS { get; init; }
    public double? UntilS { get; init; }
    public double? DistanceM { get; init; }
}

internal sealed class RoleChangeDocument
{
    public double? AtS { get; init; }
    public string? Role { get; init; }
}

internal sealed class ReportingDocument
{
    public double? CadenceS { get; init; }
    public double? JitterS { get; init; }
    public double? NoiseSigmaM { get; init; }
    public double? OutlierProbability { get; init; }
    public double? OutlierM { get; init; }
    public double? AccuracyM { get; init; }
    public List<DropoutDocument>? Dropouts { get; init; }
}

internal sealed class DropoutDocument
{
    public double? FromS { get; init; }
    public double? ToS { get; init; }
}
