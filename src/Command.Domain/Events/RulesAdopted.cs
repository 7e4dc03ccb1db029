using Command.Domain.Assessment;

namespace Command.Domain.Events;

/// <summary>
/// A live incident opened under older rules was carried on by a build with newer ones: from this event on its flags
/// are derived under <paramref name="Rules"/> and <paramref name="Assessment"/>; before it, replay folds the flags it
/// recorded.
/// </summary>
/// <param name="Rules">The rules version adopted (<see cref="Incidents.AssessmentRules"/>).</param>
/// <param name="Assessment">The options they are applied with.</param>
/// <param name="Actor">The build or host that adopted them.</param>
[GenerateSerializer, Immutable]
public sealed record RulesAdopted(int Rules, AssessmentOptions Assessment, string Actor) : IncidentEvent;
