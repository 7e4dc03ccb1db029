using Command.Domain.AfterAction;
using Command.Simulation.Engine;

namespace Command.Host.Drills;

// What a drill says of itself: read at once from what this activation holds, never after whatever the drill waits on
// (Status interleaves). While the cluster's storage did not answer, the drill's keeper's turn waited on its incident or
// on its own save, its status waited behind it for 10 s and more, and then said a running drill of no title and no
// length: the scenario it played was only in the engine it had let go.
public sealed partial class DrillGrain
{
    // The last engine's own view of the drill, kept for its title and length once the engine is let go.
    private DrillStatusView? lastPlayed;

    // True while the drill is being carried on here, its engine started but the carry-on not yet recorded by its incident
    // (which waits on the cluster's storage): it plays once its incident has it.
    private bool carrying;

    public Task<DrillStatusView?> Status() => Task.FromResult(engine is { } playing && !carrying ? Playing(playing) : Saved());

    private DrillStatusView Playing(DrillEngine playing) =>
        DrillStatusView.From(IncidentId, playing.Status, state.State.RoundsBefore) is var view && ClosedUnder(playing) ? view with { State = "stopped" } : view;

    // The drill with no engine here: where its clock was saved, its title and length as its last engine here said them
    // (unknown, null, in an activation that never played it), and, while it is live, why it does not play.
    private DrillStatusView? Saved()
    {
        if (state.State is not { Order: { } order, State: { } saved })
        {
            return null;
        }

        var known = lastPlayed?.Scenario == order.Scenario ? lastPlayed : null;
        return new DrillStatusView(
            IncidentId, order.Scenario, saved, state.State.DrillTimeS, known?.DurationS, order.Speed, order.Loop, state.State.Iteration, known?.Title,
            state.State.RoundsBefore + state.State.Iteration + 1, state.State.Live ? NotPlaying() : null);
    }

    // "not playing: its incident's storage does not answer; it stands at 0:10 of loop 1 and carries on from there once it answers"
    private string NotPlaying()
    {
        var at = $"{Durations.Clock(state.State.DrillTimeS)} of loop {state.State.Iteration + 1}";
        var cause = standing switch
        {
            null => null,
            OnceStorageAnswered => "its incident's storage does not answer",
            OnceItCouldRecord => "its incident cannot record",
            _ => "its incident could not be reached",
        };
        return carrying
            ? $"not playing yet: it carries on here from {at} once its incident has recorded that it does, waiting on the incident and its storage"
            : cause is null
                ? $"not playing on this host now: it carries on from {at} at the next look over the running drills"
                : $"not playing: {cause}; it stands at {at} and carries on from there once it answers";
    }
}
