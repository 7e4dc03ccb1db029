using System.Collections.Immutable;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Units;

namespace Command.Reporting.Ics214;

/// <summary>
/// One ICS-214 activity log, block by block as the form has them. What the recording does not know (a person's
/// name, agency or position when enrolment did not say) is left blank on purpose rather than guessed.
/// </summary>
/// <param name="Subject">The unit id, or <see cref="IncidentCommand"/> for the incident command position's log.</param>
/// <param name="IncidentName">Block 1.</param>
/// <param name="From">Block 2, operational period start.</param>
/// <param name="To">Block 2, operational period end.</param>
/// <param name="Name">Block 3; blank when not known.</param>
/// <param name="IcsPosition">Block 4; blank when not known.</param>
/// <param name="HomeAgency">Block 5 (with the unit's callsign); blank when not known.</param>
/// <param name="Resources">Block 6: resources assigned.</param>
/// <param name="Activity">Block 7: the activity log, in time order.</param>
/// <param name="PreparedBy">Block 8: who produced the log.</param>
/// <param name="PreparedAt">Block 8: when.</param>
/// <param name="TimeZone">The site's IANA time zone, for local times beside UTC.</param>
public sealed record Ics214Form(
    string Subject,
    string IncidentName,
    DateTimeOffset From,
    DateTimeOffset To,
    string Name,
    string IcsPosition,
    string HomeAgency,
    ImmutableArray<AssignedResource> Resources,
    ImmutableArray<ActivityRow> Activity,
    string PreparedBy,
    DateTimeOffset PreparedAt,
    string? TimeZone)
{
    /// <summary>The subject of the incident command position's log, an id no unit may take (<see cref="ReservedUnitIds"/>).</summary>
    public const string IncidentCommand = ReservedUnitIds.IncidentCommand;

    /// <summary>
    /// True for the incident command position's log. Told by this and not by <see cref="Subject"/>: a session recorded
    /// before the id was reserved may hold a unit under it.
    /// </summary>
    public bool ForIncidentCommand { get; init; }

    /// <summary>
    /// What the log says at its top when its incident was still open when it was prepared
    /// (<see cref="AfterActionWords.StillOpen"/>); null for a closed incident's.
    /// </summary>
    public string? StillOpen { get; init; }

    /// <summary>
    /// Where the recording the log is made from is damaged and read only up to (<see cref="IncidentMetrics.RecordingDamaged"/>):
    /// the Word log says it at its top in the report's and the AAR/IP's words (<see cref="AfterActionWords.Damaged(string?)"/>),
    /// its CSV on every row as the report's CSV does; null for a whole recording's.
    /// </summary>
    public string? Damaged { get; init; }

    /// <summary>
    /// The incident command log first, then one per unit in order of enrolment. Notes go in only when
    /// <paramref name="notes"/> is given: the caller passes the notes its reader may see (none for a player).
    /// </summary>
    public static ImmutableArray<Ics214Form> Build(AfterActionReport report, IReadOnlyList<StandingNote>? notes, string preparedBy, DateTimeOffset preparedAt)
    {
        var i = report.Incident;
        var from = i.OpenedAt ?? preparedAt;
        var to = i.EndedAt ?? from;
        var byUnit = report.Activity.Where(a => a.UnitId is not null).ToLookup(a => a.UnitId!);
        var unitNotes = (notes ?? []).Where(n => n.Current.UnitId is not null).ToLookup(n => n.Current.UnitId!);
        var stillOpen = AfterActionWords.StillOpen(i, preparedAt);
        var damaged = i.RecordingDamaged;
        // A closed incident's logs are final, the same on every export: prepared as of its close, not of the moment asked.
        preparedAt = stillOpen is null && i.EndedAt is { } ended ? ended : preparedAt;
        var clock = new SiteClock(i.TimeZone);
        // A unit's log is of the whole period, every round of a drill started over: one each, its roles throughout.
        var units = report.EachUnit.ToList();
        AssignedResource Assigned(UnitMetrics u) => AssignedResource.Of(u, report.RolesThroughout(u), clock);
        var forms = ImmutableArray.CreateBuilder<Ics214Form>(units.Count + 1);
        // Incident command's log is the commander's: the first unit in the command role enrolled with a person's name.
        var commander = units.FirstOrDefault(u => u.Person?.Name is { Length: > 0 } && report.RolesThroughout(u).Any(r => r.Role == UnitRole.Command))?.Person;
        forms.Add(new Ics214Form(
            IncidentCommand, i.Name, from, to, commander?.Name ?? "", "Incident Commander", commander?.Agency ?? "",
            [.. units.Select(Assigned)],
            Rows(report.Activity.Where(a => a.UnitId is null), (notes ?? []).Where(n => n.Current.UnitId is null), clock),
            preparedBy, preparedAt, i.TimeZone) { ForIncidentCommand = true, StillOpen = stillOpen, Damaged = damaged });
        foreach (var u in units)
        {
            forms.Add(new Ics214Form(
                u.UnitId, i.Name, from, to, u.Person?.Name ?? "", u.Person?.IcsPosition ?? "", u.Person?.Agency ?? "",
                [Assigned(u)],
                Rows(byUnit[u.UnitId], unitNotes[u.UnitId], clock),
                preparedBy, preparedAt, i.TimeZone) { StillOpen = stillOpen, Damaged = damaged });
        }

        return forms.ToImmutable();
    }

    // A note's words are its last amendment's: who amended them, when and why follow them, or they read as the author's.
    private static ImmutableArray<ActivityRow> Rows(IEnumerable<ActivityEntry> activity, IEnumerable<StandingNote> notes, SiteClock clock) =>
        [.. activity.Select(a => new ActivityRow(a.Time, a.Text))
            .Concat(notes.Select(n => new ActivityRow(n.Current.About, $"Evaluator note ({Exercises.AarDocument.MarkName(n.Current.Mark)}, {n.Author}): {n.Current.Text}{(Exercises.NoteWords.Amended(n, clock) is { } amended ? $" — {amended}" : "")}")))
            .OrderBy(r => r.Time)];
}

/// <summary>
/// A resource assigned (block 6): the unit, its roles in turn as the position, and who staffs it when known. Its roles read
/// as the AAR/IP's (<see cref="AfterActionWords.Roles"/>): "contact, perimeter from 08:03:20", where its last role alone
/// would put a unit held outside as contact on the perimeter for the whole period.
/// </summary>
public sealed record AssignedResource(string UnitId, string Callsign, string Role, string Name, string IcsPosition, string HomeAgency)
{
    /// <param name="u">The unit.</param>
    /// <param name="roles">The roles it held in turn (<see cref="AfterActionReport.RolesOf"/>).</param>
    /// <param name="clock">The site's clock, for the time of day each role after the first was taken.</param>
    public static AssignedResource Of(UnitMetrics u, IReadOnlyList<RoleHeld> roles, SiteClock clock) =>
        new(u.UnitId, u.Callsign, AfterActionWords.Roles(roles, clock), u.Person?.Name ?? "", u.Person?.IcsPosition ?? "", u.Person?.Agency ?? "");
}

/// <summary>A line of the activity log (block 7).</summary>
public sealed record ActivityRow(DateTimeOffset Time, string Activity);
