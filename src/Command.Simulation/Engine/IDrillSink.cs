using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Engine;

/// <summary>
/// Where a drill's output goes: the same ingest path as any other source. The CLI implements it over the
/// host's HTTP API; the host implements it in-process. The engine never calls it concurrently with itself.
/// </summary>
public interface IDrillSink
{
    /// <summary>Creates the incident on the site (or reuses it), enrols the units with their roles and places the threat.</summary>
    Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken);

    /// <summary>Delivers one tick's reports, oldest first, all with <see cref="ReportSource.Simulator"/>.</summary>
    Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken);

    /// <summary>
    /// The threat moved or changed phase (or was reset when a looping drill restarts), with the step's reason: a
    /// change to contained or neutralized suppresses flags and is refused without one.
    /// </summary>
    Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// A looping drill went back to its beginning and <paramref name="round"/> (2 for the first time) begins: every
    /// unit is back where the script starts it, so the incident judges each afresh. Sent before the threat and roles
    /// are reset.
    /// </summary>
    Task StartOverAsync(int round, CancellationToken cancellationToken);

    /// <summary>A unit was reassigned (or reset to its first role when a looping drill restarts).</summary>
    Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken);
}
