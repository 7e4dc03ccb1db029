using Command.Domain.Sites;

namespace Command.Domain.AfterAction;

/// <summary>A zone of the incident's site, as the after-action documents name it where it is a flag's subject.</summary>
/// <param name="ZoneId">The zone's id; its flags are raised on "zone:{id}".</param>
/// <param name="Name">Its name on the site ("Main hall").</param>
/// <param name="Kind">What it is for.</param>
public sealed record ReportZone(string ZoneId, string Name, ZoneKind Kind)
{
    /// <summary>
    /// "hot zone Main hall", "casualty collection point South lawn": as the zone's own flags word it, never its id (a
    /// flag's reason says it first, and is read after it).
    /// </summary>
    public string Described => Kind == ZoneKind.CasualtyCollection ? $"casualty collection point {Name}" : $"{ZoneKindNames.Name(Kind)} zone {Name}";

    /// <summary>The site's zones.</summary>
    public static IEnumerable<ReportZone> Of(Site site) => site.Zones.Select(z => new ReportZone(z.ZoneId, z.Name, z.Kind));

    /// <summary>The zone of <paramref name="zones"/> a flag's subject ("zone:{id}") is, or null for any other subject.</summary>
    public static ReportZone? Find(IEnumerable<ReportZone>? zones, string subject) =>
        zones?.FirstOrDefault(z => Assessment.ClosingAssessment.ZoneSubject(z.ZoneId) == subject);
}
