using System.Collections.Immutable;
using Command.Domain.Units;
using Command.Simulation.Motion;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private static readonly string Roles = string.Join(", ", UnitRoles.Names);

    private ImmutableArray<ScenarioUnit> ReadUnits(ScenarioDocument document, ThreatScript threat)
    {
        if (Required(document.Units, "$.units") is not { } list)
        {
            return [];
        }

        if (list.Count == 0)
        {
            Error("$.units", "needs at least one unit");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var units = ImmutableArray.CreateBuilder<ScenarioUnit>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"$.units[{i}]";
            var u = list[i];
            var id = Unique(u.Id, at + ".id", ids, "unit");
            var role = Role(u.Role, at + ".role");
            var arrive = u.ArriveS is { } a ? NotNegative(a, at + ".arriveS") : 0;
            var reporting = ReadReporting(u.Reporting, document.Reporting, at + ".reporting");
            var changes = ReadRoleChanges(u.RoleChanges, at + ".roleChanges");
            if (Point(u.Start, at + ".start") is { } start)
            {
                var trajectory = ReadScript(u.Script ?? [], new TrajectoryBuilder(start, arrive), threat, at + ".script");
                units.Add(new ScenarioUnit(id, string.IsNullOrWhiteSpace(u.Callsign) ? id : u.Callsign, role, arrive, trajectory, reporting, changes, UnitPerson.Of(u.PersonName, u.Agency, u.IcsPosition)));
            }
        }

        return units.ToImmutable();
    }

    private string Unique(string? id, string path, HashSet<string> seen, string what)
    {
        var text = RequiredText(id, path);
        if (text.Length > 0 && !seen.Add(text))
        {
            Error(path, $"'{text}' is already the id of another {what}");
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
            Error(path, $"'{text}' is not a role; expected one of {Roles}");
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
        var previous = 0.0;
        foreach (var (c, i) in (list ?? []).Select((c, i) => (c, i)))
        {
            var at = $"{path}[{i}]";
            var atS = c.AtS is { } s ? NotNegative(s, at + ".atS") : Missing(at + ".atS");
            if (atS < previous)
            {
                Error(at + ".atS", $"must not be before the previous change's {N(previous)} s (was {N(atS)})");
            }

            previous = Math.Max(previous, atS);
            changes.Add(new RoleChange(atS, Role(c.Role, at + ".role")));
        }

        return changes.ToImmutable();
    }

    private ReportingProfile ReadReporting(ReportingDocument? unit, ReportingDocument? defaults, string path)
    {
        double Pick(Func<ReportingDocument, double?> field, double builtIn) =>
            (unit is null ? null : field(unit)) ?? (defaults is null ? null : field(defaults)) ?? builtIn;

        var cadence = Positive(Pick(r => r.CadenceS, 2), path + ".cadenceS");
        var jitter = NotNegative(Pick(r => r.JitterS, 0), path + ".jitterS");
        if (jitter >= cadence)
        {
            Error(path + ".jitterS", $"must be less than the cadence of {N(cadence)} s so fixes stay in order (was {N(jitter)})");
        }

        var outlierProbability = Pick(r => r.OutlierProbability, 0);
        if (!(outlierProbability is >= 0 and <= 1))
        {
            Error(path + ".outlierProbability", $"must be between 0 and 1 (was {N(outlierProbability)})");
        }

        var dropouts = ImmutableArray.CreateBuilder<Dropout>();
        foreach (var (d, i) in (unit?.Dropouts ?? defaults?.Dropouts ?? []).Select((d, i) => (d, i)))
        {
            var at = $"{path}.dropouts[{i}]";
            var from = d.FromS is { } f ? NotNegative(f, at + ".fromS") : Missing(at + ".fromS");
            var to = d.ToS is { } t ? NotNegative(t, at + ".toS") : Missing(at + ".toS");
            if (to <= from && d.FromS is not null && d.ToS is not null)
            {
                Error(at + ".toS", $"must be after fromS {N(from)} s (was {N(to)})");
            }

            dropouts.Add(new Dropout(from, to));
        }

        return new ReportingProfile(
            cadence,
            jitter,
            NotNegative(Pick(r => r.NoiseSigmaM, 0), path + ".noiseSigmaM"),
            outlierProbability,
            NotNegative(Pick(r => r.OutlierM, 50), path + ".outlierM"),
            Positive(Pick(r => r.AccuracyM, 5), path + ".accuracyM"),
            dropouts.ToImmutable());
    }
}
