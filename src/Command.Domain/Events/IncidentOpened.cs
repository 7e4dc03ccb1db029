using Command.Domain.Sites;

namespace Command.Domain.Events;

/// <summary>The incident was created on a site.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentOpened(string IncidentId, string Name, Site Site, bool AutoEnrol, string Actor) : IncidentEvent;
