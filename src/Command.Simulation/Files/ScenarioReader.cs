using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Command.Domain.Exercises;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Validation;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

/// <summary>
/// Checks a parsed document and builds the scenario from it, collecting every error with its JSON path rather
/// than stopping at the first, so one edit-run cycle fixes a whole file.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static readonly Regex UnitPath = new(@"^\$\.units\[(\d+)\]", RegexOptions.CultureInvariant);

    private readonly List<ScenarioError> errors = [];
    private readonly HashSet<(string, string)> said = [];
    private readonly HashSet<string> erred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WalkNode> nodes = new(StringComparer.Ordinal);
    private List<UnitDocument>? unitDocuments;
    private LocalFrame? frame;
    private Site? site;
    private int unlisted;

    /// <summary>Every problem found, in file order: at most <see cref="ScenarioLimits.MaxErrors"/>, then how many more.</summary>
    public IReadOnlyList<ScenarioError> Errors =>
        unlisted == 0 ? errors : [.. errors, new ScenarioError("$", $"{unlisted} more problems not listed")];

    public Scenario? Read(ScenarioDocument document)
    {
        unitDocuments = document.Units;

        // An invalid site is reported and the rest still read, for every error at once; without an origin to
        // measure from, nothing else can be placed.
        site = ReadSite(document.Site, "$.site");
        if (frame is null)
        {
            // What is missing besides is said with it, so a new file's author learns all it lacks at once.
            _ = Required(document.Threat, "$.threat");
            _ = Required(document.Units, "$.units");
            return null;
        }

        if (InputLimits.IncidentName(document.Name) is { } name)
        {
            // The drill's name names the incident a drill opens, and its status to every watcher.
            Error("$.name", name.Detail);
        }

        var threat = ReadThreat(document.Threat, "$.threat");
        var units = ReadUnits(document, threat);
        ReportRate(units);
        var duration = document.DurationS is { } d
            ? Within(d, ScenarioLimits.MinDurationS, ScenarioLimits.MaxDurationS, "$.durationS", "s", "a drill runs at least 10 s and at most a day")
            : DefaultDuration(threat, units);
        CheckWithin(duration, threat, units, document);
        var objectives = ReadObjectives(document);
        return errors.Count == 0 && site is not null
            ? new Scenario(string.IsNullOrWhiteSpace(document.Name) ? site.Name : document.Name, site, duration, threat, units, document.Version?.Trim(), objectives)
            : null;
    }

    /// <summary>
    /// The last scripted moment plus half a minute, so the final state is seen before a loop restarts; never past the
    /// longest a drill runs, which every script's moments keep within.
    /// </summary>
    private static double DefaultDuration(ThreatScript threat, ImmutableArray<ScenarioUnit> units)
    {
        var last = threat.Steps.Select(s => s.AtS)
            .Concat(units.Select(u => u.Trajectory.Segments[^1].StartS))
            .Concat(units.SelectMany(u => u.RoleChanges.Select(r => r.AtS)))
            .DefaultIfEmpty(0)
            .Max();
        return Math.Min(last + 30, ScenarioLimits.MaxDurationS);
    }

    private void CheckWithin(double duration, ThreatScript threat, ImmutableArray<ScenarioUnit> units, ScenarioDocument document)
    {
        for (var i = 0; i < threat.Steps.Length; i++)
        {
            Before(threat.Steps[i].AtS, duration, $"$.threat.script[{i}].atS");
        }

        for (var i = 0; i < units.Length && document.Units is not null; i++)
        {
            Before(units[i].ArriveS, duration, $"$.units[{i}].arriveS");
            for (var j = 0; j < units[i].RoleChanges.Length; j++)
            {
                Before(units[i].RoleChanges[j].AtS, duration, $"$.units[{i}].roleChanges[{j}].atS");
            }
        }
    }

    /// <summary>
    /// The units together send at most <see cref="ScenarioLimits.MaxReportsPerSecond"/> reports a second at speed 1 (a
    /// faster speed is held to it as the drill starts): 2,000 units each reporting every second flooded their incident.
    /// </summary>
    private void ReportRate(ImmutableArray<ScenarioUnit> units)
    {
        var perSecond = Scenario.ReportsPerSecondOf(units);
        if (perSecond > ScenarioLimits.MaxReportsPerSecond)
        {
            Error("$.units", $"{units.Length} units send {N(perSecond)} reports a second at speed 1 (one a cadence each); an incident takes at most {N(ScenarioLimits.MaxReportsPerSecond)} a second from a drill: give them a longer cadenceS, or play fewer");
        }
    }

    private void Before(double atS, double duration, string path)
    {
        // A moment already refused as beyond any drill is not refused again against this one's end.
        if (atS >= duration && !erred.Contains(path))
        {
            Error(path, $"{N(atS)} s is not before the end of the drill at {N(duration)} s");
        }
    }

    // The objectives as the exercise rules take them; one finding of the rules is reported at its path.
    private ImmutableArray<ExerciseObjective> ReadObjectives(ScenarioDocument document)
    {
        var objectives = (document.Objectives ?? []).Select(o => new ExerciseObjective(
            o.Id ?? "", o.Title ?? "",
            [.. (o.Measures ?? []).Select(m => new ObjectiveMeasure(m.Measure ?? "", m.PerformedS ?? double.NaN, m.SomeChallengesS ?? double.NaN, m.MajorChallengesS ?? double.NaN))]))
            .ToImmutableArray();
        if (ExerciseRules.Check(new Exercise(null, document.Version, objectives)) is { } wrong)
        {
            var colon = wrong.IndexOf(':', StringComparison.Ordinal);
            Error($"$.{wrong[..colon]}", wrong[(colon + 2)..]);
        }

        return objectives;
    }

    // Said once however many units share the value (a default every unit takes), and named by the unit it is about.
    private void Error(string path, string message)
    {
        erred.Add(path);
        if (!said.Add((path, message)))
        {
            return;
        }

        if (errors.Count >= ScenarioLimits.MaxErrors)
        {
            unlisted++;
            return;
        }

        errors.Add(new ScenarioError(path, message, UnitAt(path)));
    }

    // The id of the unit a path lies under, where it is one a refusal can show (not blank, too long or invisible).
    private string? UnitAt(string path) =>
        UnitPath.Match(path) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var index)
            && unitDocuments is { } list && index < list.Count
            && list[index].Id is { } id && InputLimits.UnitId(id) is null
            ? id
            : null;

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
