using System.Collections.Immutable;
using Command.Domain.Exercises;
using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Simulation.Scenarios;

/// <summary>
/// A loaded, validated drill: the site, the threat's script and every unit's plan, all times in seconds of
/// drill time from the start of the script. Build one with <see cref="Files.ScenarioFile"/>.
/// </summary>
/// <param name="Name">What the drill is called.</param>
/// <param name="Site">The ground, in WGS84 (local coordinates of the file already converted).</param>
/// <param name="DurationS">Length of one run of the script, seconds; a looping drill restarts here.</param>
/// <param name="Threat">The threat's timed positions and phases.</param>
/// <param name="Units">Every unit's identity, role, motion and reporting.</param>
/// <param name="Version">The file's version as written in it, so runs of one version can be compared; null when it states none.</param>
/// <param name="Objectives">The exercise objectives the drill is rated against; empty when it has none.</param>
public sealed record Scenario(string Name, Site Site, double DurationS, ThreatScript Threat, ImmutableArray<ScenarioUnit> Units, string? Version = null, ImmutableArray<ExerciseObjective> Objectives = default)
{
    /// <summary>What the incident runs as, recorded when the drill starts: the file's name and version and its objectives.</summary>
    public Exercise Exercise(string fileName) => new(fileName, Version, Objectives.IsDefault ? [] : Objectives);

    /// <summary>The site's local frame: metres east and north of its origin.</summary>
    public LocalFrame Frame { get; } = new(Site.Origin);

    /// <summary>
    /// Reports a second the drill sends at speed 1: each unit one a cadence (jitter evens out; dropouts are not counted,
    /// so it is the most it sends). Held to <see cref="ScenarioLimits.MaxReportsPerSecond"/> times the speed it plays at.
    /// </summary>
    public double ReportsPerSecond => ReportsPerSecondOf(Units);

    /// <summary>Reports a second <paramref name="units"/> send at speed 1: each one a cadence.</summary>
    public static double ReportsPerSecondOf(IEnumerable<ScenarioUnit> units) => units.Sum(u => 1 / u.Reporting.CadenceS);

    /// <summary>
    /// What a sink needs to open the incident: site, units with their first roles, the threat at time 0, and every step
    /// the threat will take, so that the incident is known to take each before anything is put in place.
    /// </summary>
    public ScenarioSetup Setup() => new(
        Name,
        Site,
        Threat.At(0),
        [.. Units.Select(u => new UnitEnrolment(u.UnitId, u.Callsign, u.RoleAt(0), u.Person))],
        Threat.ReasonAt(0),
        Threat.Steps);
}
