using Orleans.Concurrency;

namespace Command.Host.Drills;

/// <summary>
/// The simulated drill on one incident (keyed by incident id): once per cluster, whichever host is asked. A drill
/// whose host goes down carries on on another from its saved drill clock, and says so in the incident's record.
/// Refusals come back as outcomes, never as exceptions, so every host reads them the same way.
/// </summary>
public interface IDrillGrain : IGrainWithStringKey
{
    /// <summary>Starts a drill on an incident that is open; it never opens one (a commander does).</summary>
    Task<DrillOutcome> Start(DrillOrder order, string actor);

    /// <summary>
    /// Starts the drill unless one already runs (or is paused), opening its incident if need be: how the host's demo
    /// starts once across a cluster.
    /// </summary>
    Task<DrillOutcome> StartUnlessRunning(DrillOrder order, string actor);

    Task<DrillOutcome> Pause(string actor);

    Task<DrillOutcome> Resume(string actor);

    Task<DrillOutcome> Stop(string actor);

    /// <summary>
    /// The drill as this activation holds it, answered at once: it interleaves with whatever the drill is waiting on (its
    /// incident, or its own save, while the cluster's storage does not answer), and reads only what is in memory. A drill
    /// that is not playing says why in its detail.
    /// </summary>
    [AlwaysInterleave]
    Task<DrillStatusView?> Status();

    /// <summary>Sends what fell due up to now and completes when it is sent (a caller that moves the clock itself).</summary>
    Task<DrillOutcome> CatchUp();

    /// <summary>
    /// Makes sure a running drill has its engine here and now (after its host went down); cheap otherwise. A drill
    /// that is not running or paused takes itself off the roster of drills every host keeps running.
    /// </summary>
    Task KeepRunning();

    /// <summary>Saves the drill clock, stops sending and deactivates: its host is stopping, and another carries it on.</summary>
    Task HandOver();
}

/// <summary>What to play: a scenario by name, at a speed, looping or not, with a seed.</summary>
[GenerateSerializer, Immutable]
public sealed record DrillOrder(string Scenario, double Speed, bool Loop, int Seed);

/// <summary>A drill control's answer: the drill's state after it, or why it was refused.</summary>
/// <param name="Status">The drill after the control, when it was done.</param>
/// <param name="Refusal">
/// Why not: <c>no-drill</c>, <c>invalid-state</c>, <c>invalid-value</c> or <c>invalid-scenario</c> (a scenario file that
/// cannot be read or fails the scenario check); or, when its incident refused the start, the incident's reason
/// (<c>unknown-incident</c>, <c>closed</c>, <c>enrolled-elsewhere</c>, <c>invalid-coordinates</c> for a threat step beyond
/// its reach); or <c>site-differs</c>, where the incident has a site of its own other than the one the scenario is set on.
/// </param>
/// <param name="Detail">The refusal in a sentence.</param>
[GenerateSerializer, Immutable]
public sealed record DrillOutcome(DrillStatusView? Status, string? Refusal = null, string? Detail = null)
{
    public static DrillOutcome Refused(string refusal, string detail) => new(null, refusal, detail);
}
