using System.Globalization;
using Command.Domain.Validation;

namespace Command.Simulation.Scenarios;

/// <summary>
/// What a drill can be, which every scenario file is held to (SCENARIOS.md lists them): a file with a hold of 1e300 s
/// or a fix every 0.1 ms was taken, and then overflowed the drill's clock or wrote tens of thousands of events a second.
/// Texts, positions and speeds are held to what the incident takes (<see cref="InputLimits"/>, and the reach of
/// <see cref="Domain.Reports.ReportGround"/> and <see cref="Domain.Threats.ThreatGround"/>), so that a file the check
/// accepts plays without a refusal.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest scenario file: 4 MiB, as much as the API takes in one body (a 2,000-unit drill is about 1 MB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Shortest run of a drill: 10 s.</summary>
    public const double MinDurationS = 10;

    /// <summary>
    /// Longest run of a drill, and the latest moment of any script: a day (86,400 s), as long as an exercise objective's
    /// bands run.
    /// </summary>
    public const double MaxDurationS = 86_400;

    /// <summary>Shortest time between a unit's fixes: 1 s, as often as a phone or tracker reports.</summary>
    public const double MinCadenceS = 1;

    /// <summary>Longest time between a unit's fixes: an hour (3,600 s); a tracker quieter than that says nothing in a drill.</summary>
    public const double MaxCadenceS = 3_600;

    /// <summary>Fastest scripted speed: 150 m/s, the fastest ground speed a report may state (<see cref="InputLimits.MaxSpeedMps"/>).</summary>
    public const double MaxSpeedMps = InputLimits.MaxSpeedMps;

    /// <summary>Longest retreat: 100 km, as far as a unit's fixes are taken from the site.</summary>
    public const double MaxRetreatM = Domain.Reports.ReportGround.MostFromSiteM;

    /// <summary>Largest GPS noise, the standard deviation on each of east and north: 1,000 m.</summary>
    public const double MaxNoiseSigmaM = 1_000;

    /// <summary>Farthest an outlier lands from the true position: 10 km.</summary>
    public const double MaxOutlierM = 10_000;

    /// <summary>Worst horizontal accuracy a unit's reports may state: 100 m, the worst the host takes by default.</summary>
    public static readonly double MaxAccuracyM = ValidationOptions.Default.MaxAccuracyM;

    /// <summary>Most units in a scenario: 2,000, as many as the dashboard is measured with.</summary>
    public const int MaxUnits = 2_000;

    /// <summary>Most items in any one list of a script: threat steps, a unit's legs, a path's waypoints, role changes, dropouts. 1,000.</summary>
    public const int MaxSteps = 1_000;

    /// <summary>
    /// Most reports a second a drill sends its incident, at the speed it plays (the sum over its units of one over the
    /// cadence, times the speed): 1,000, what the load test's latency phase plays into each of its incidents with every
    /// report in a watcher's frame within 120 ms (README, Performance). 2,000 units each reporting every second at 60×
    /// sent 120,000 a second into one incident, a hundred and more times that, and every watcher's picture fell behind.
    /// </summary>
    public const double MaxReportsPerSecond = 1_000;

    /// <summary>
    /// Why <paramref name="scenario"/> cannot be played at <paramref name="speed"/>: it would send its incident more than
    /// <see cref="MaxReportsPerSecond"/> reports a second; null when it can. Says the fastest speed it can be played at,
    /// naming the scenario by <paramref name="name"/> (its file's), or by its title where none is given.
    /// </summary>
    public static string? ReportRateProblem(Scenario scenario, double speed, string? name = null)
    {
        var perSecond = scenario.ReportsPerSecond;
        if (perSecond * speed <= MaxReportsPerSecond)
        {
            return null;
        }

        var fastest = Math.Floor(MaxReportsPerSecond / perSecond * 100) / 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"scenario {Quoted.Text(name ?? scenario.Name)} sends {perSecond:0.##} reports a second at speed 1 ({scenario.Units.Length} units, one a cadence each), {perSecond * speed:0.##} at speed {speed:0.##}; an incident takes at most {MaxReportsPerSecond:0} a second from a drill: play it at speed {fastest:0.##} or less");
    }

    /// <summary>Most problems listed for one file: 100, then one line saying how many more there were.</summary>
    public const int MaxErrors = 100;
}
