using System.Collections.Immutable;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Simulation.Motion;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private static readonly string Roles = string.Join(", ", UnitRoles.Names);

    private ImmutableArray<ScenarioUnit> ReadUnits(ScenarioDocument document, ThreatScript threat)
    {
        if (Required(document.Units, "$.units") is not { } list || !Countable(list, ScenarioLimits.MaxUnits, "$.units", "units"))
        {
            return [];
        }

        if (list.Count == 0)
        {
            Error("$.units", "needs at least one unit");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var callsigns = new CallsignBook();
        var units = ImmutableArray.CreateBuilder<ScenarioUnit>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"$.units[{i}]";
            var u = list[i];
            var id = Unique(u.Id, at + ".id", ids, "unit");
            var callsign = string.IsNullOrWhiteSpace(u.Callsign) ? id : u.Callsign;
            var person = UnitPerson.Of(u.PersonName, u.Agency, u.IcsPosition);
            Enrolable(id, callsign, person, at);
            if (id.Length > 0)
            {
                // The incident enrols no two units that read alike: a file the check accepts is enrolled whole.
                Judged(callsigns.Clash(id, callsign)?.Refuses(callsign, "also in the scenario"), at + (callsign == id ? ".id" : ".callsign"));
                callsigns.Took(id, callsign);
            }

            var role = Role(u.Role, at + ".role");
            var arrive = u.ArriveS is { } a ? Moment(a, at + ".arriveS") : 0;
            var reporting = ReadReporting(u.Reporting, document.Reporting, at + ".reporting");
            var changes = ReadRoleChanges(u.RoleChanges, at + ".roleChanges");
            if (Point(u.Start, at + ".start") is { } start)
            {
                UnitGround(start, at + ".start", "its start");
                var trajectory = ReadScript(u.Script ?? [], new TrajectoryBuilder(start, arrive), threat, at + ".script");
                units.Add(new ScenarioUnit(id, callsign, role, arrive, trajectory, reporting, changes, person));
            }
        }

        return units.ToImmutable();
    }

    /// <summary>
    /// The unit as the incident will be asked to enrol it, judged by the incident's own rules, so that a file the check
    /// accepts is never refused part-way through enrolling its units.
    /// </summary>
    private void Enrolable(string id, string callsign, UnitPerson? person, string at)
    {
        (string Field, Rejection? Refusal)[] checks =
        [
            ("id", id.Length == 0 ? null : InputLimits.UnitId(id)),
            ("callsign", callsign == id ? null : InputLimits.Callsign(callsign)),
            ("personName", InputLimits.PersonName(person?.Name)),
            ("agency", InputLimits.Agency(person?.Agency)),
            ("icsPosition", InputLimits.IcsPosition(person?.IcsPosition)),
        ];
        foreach (var (field, refusal) in checks)
        {
            Judged(refusal, $"{at}.{field}");
        }
    }

    private string Unique(string? id, string path, HashSet<string> seen, string what)
    {
        var text = RequiredText(id, path);
        if (text.Length > 0 && !seen.Add(text))
        {
            Error(path, $"{Quote(text)} is already the id of another {what}");
        }

        return text;
    }

    private UnitRole Role(string? text, string path)
    {
        if (text is null)
        {
            Error(path, $"is required; one of {Roles}");
        }
        else if (!UnitRoles.TryParse(text, out var role))
        {
            Error(path, $"{Quote(text)} is not a role; expected one of {Roles}");
        }
        else
        {
            return role;
        }

        return UnitRole.Unassigned;
    }

    private ImmutableArray<RoleChange> ReadRoleChanges(List<RoleChangeDocument>? list, string path)
    {
        var changes = ImmutableArray.CreateBuilder<RoleChange>();
        if (!Countable(list, ScenarioLimits.MaxSteps, path, "role changes"))
        {
            return [];
        }

        var previous = 0.0;
        foreach (var (c, i) in (list ?? []).Select((c, i) => (c, i)))
        {
            var at = $"{path}[{i}]";
            var atS = c.AtS is { } s ? Moment(s, at + ".atS") : Missing(at + ".atS");
            if (atS < previous)
            {
                Error(at + ".atS", $"must not be before the previous change's {N(previous)} s (was {N(atS)})");
            }

            previous = Math.Max(previous, atS);
            changes.Add(new RoleChange(atS, Role(c.Role, at + ".role")));
        }

        return changes.ToImmutable();
    }
}
