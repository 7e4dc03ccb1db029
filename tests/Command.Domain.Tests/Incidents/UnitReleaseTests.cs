using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A unit let go from the incident (a late joiner's radio caught by the wrong drill): it leaves the board and is judged no
/// more, its flag clears saying why, its callsign is free, and it stays let go across a restart until enrolled again.
/// </summary>
public sealed class UnitReleaseTests
{
    private static Drill FlaggedHolder()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Enrol("u2");
        drill.Move("u1", Drill.Still(150, 0), cadence: 5);
        drill.Move("u2", Drill.Toward(0, 250, 1.5), cadence: 5);
        drill.Run(120);
        return drill;
    }

    [Fact]
    public void A_released_unit_leaves_the_board_and_its_flag_clears_saying_who_let_it_go_and_why()
    {
        var drill = FlaggedHolder();
        Assert.NotEqual(FlagLevel.None, drill.Assess("u1").Flag);

        drill.Feed(new UnitReleased("u1", "enrolled in the wrong incident", "cmdr-b"));

        Assert.False(drill.Projection.Units.ContainsKey("u1"));
        Assert.Null(drill.Projection.Assess("u1"));
        Assert.Equal("enrolled in the wrong incident", drill.Projection.Released["u1"].Reason);
        var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>(), c => c.Subject == "u1");
        Assert.Equal("released from the incident by cmdr-b: enrolled in the wrong incident", cleared.Reason);
        Assert.DoesNotContain(drill.Projection.Flags, f => f.Subject == "u1");
        // The unit left beside it is judged as before.
        Assert.NotNull(drill.Projection.Assess("u2"));
    }

    [Fact]
    public void A_released_units_callsign_is_free_and_the_release_outlives_a_restart_until_it_is_enrolled_again()
    {
        var drill = FlaggedHolder();
        drill.Feed(new UnitReleased("u1", "sent to another incident", "cmdr"));
        Assert.Null(drill.Projection.Callsigns.Clash("other", "U1"));

        drill.Restart();
        Assert.True(drill.Projection.Released.ContainsKey("u1"));
        Assert.False(drill.Projection.Units.ContainsKey("u1"));

        drill.Enrol("u1");
        Assert.False(drill.Projection.Released.ContainsKey("u1"));
        Assert.True(drill.Projection.Units.ContainsKey("u1"));
    }

    [Fact]
    public void A_release_of_a_unit_the_incident_does_not_have_changes_nothing()
    {
        var drill = FlaggedHolder();
        var before = drill.Derived.Count();

        drill.Feed(new UnitReleased("nobody", "wrong", "cmdr"));

        Assert.False(drill.Projection.Released.ContainsKey("nobody"));
        Assert.Equal(before, drill.Derived.Count());
    }
}
