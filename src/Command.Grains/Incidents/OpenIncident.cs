using Command.Domain.Sites;

namespace Command.Grains.Incidents;

/// <summary>Create an incident on a site.</summary>
/// <param name="Name">What people call it ("Cedar Hollow drill 3").</param>
/// <param name="Site">Origin, buildings, zones, walk graph.</param>
/// <param name="AutoEnrol">Whether a unit reporting for the first time joins with the default role.</param>
/// <param name="Actor">Who opened it.</param>
[GenerateSerializer, Immutable]
public sealed record OpenIncident(string Name, Site Site, bool AutoEnrol, string Actor);
