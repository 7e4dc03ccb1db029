using Command.Domain.Assessment;
using Command.Domain.Sites;

namespace Command.Domain.Events;

/// <summary>The incident was created on a site.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Name">What people call it.</param>
/// <param name="Site">Origin, buildings, zones, walk graph.</param>
/// <param name="AutoEnrol">Whether a unit reporting for the first time joins.</param>
/// <param name="Actor">Who opened it.</param>
/// <param name="Schema">The stream's version (<see cref="Incidents.IncidentSchema"/>); 1 in recordings made before versions were stamped.</param>
/// <param name="Rules">The rules its units are judged under (<see cref="Incidents.AssessmentRules"/>); 1 in recordings made before rules carried a version.</param>
/// <param name="Assessment">The options those rules are applied with; absent in recordings made before they were recorded.</param>
[GenerateSerializer, Immutable]
public sealed record IncidentOpened(
    string IncidentId,
    string Name,
    Site Site,
    bool AutoEnrol,
    string Actor,
    int Schema = Incidents.IncidentSchema.RecordedTicks,
    int Rules = Incidents.AssessmentRules.Unversioned,
    AssessmentOptions? Assessment = null) : IncidentEvent;
