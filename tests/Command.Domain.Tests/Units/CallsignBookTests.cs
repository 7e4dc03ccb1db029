using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Units;

public sealed class CallsignBookTests
{
    private static CallsignBook Book(params (string UnitId, string Callsign)[] units)
    {
        var book = new CallsignBook();
        foreach (var (unitId, callsign) in units)
        {
            book.Took(unitId, callsign);
        }

        return book;
    }

    [Fact]
    public void A_callsign_that_reads_as_another_units_clashes_with_it_and_a_units_own_does_not()
    {
        var book = Book(("p1", "P1"), ("s1", "SRO-1"));

        Assert.Equal(new TakenCallsign("p1", "P1"), book.Clash("p9", "\u04201"));
        Assert.Equal(new TakenCallsign("s1", "SRO-1"), book.Clash("s2", "sro-1"));
        Assert.Null(book.Clash("p1", "p1"));
        Assert.Null(book.Clash("p2", "P2"));
    }

    [Fact]
    public void The_refusal_names_the_unit_it_reads_as_and_spells_the_lookalike()
    {
        var holder = new TakenCallsign("p1", "P1");

        Assert.Equal(new Rejection(RejectReason.CallsignTaken,
                "callsign '\u04201' reads as 'P1' of unit 'p1', already enrolled in incident 'x' ('\u0420' is U+0420): a board or a log could not tell the two apart; give this unit a callsign of its own"),
            holder.Refuses("\u04201", "already enrolled in incident 'x'"));
        Assert.Equal("callsign 'P1' is taken by unit 'p1', already enrolled in incident 'x': a board or a log could not tell the two apart; give this unit a callsign of its own",
            holder.Refuses("P1", "already enrolled in incident 'x'").Detail);
        Assert.Equal("callsign 'p1' reads as 'P1' of unit 'p1', already enrolled in incident 'x': a board or a log could not tell the two apart; give this unit a callsign of its own",
            holder.Refuses("p1", "already enrolled in incident 'x'").Detail);
    }

    [Fact]
    public void A_unit_that_enrols_itself_under_a_taken_callsign_gets_its_unit_id_beside_it()
    {
        var book = Book(("p1", "P1"));

        Assert.Equal("P1", book.Distinct("p1", "P1"));
        Assert.Equal("Q1", book.Distinct("ANDROID-q", "Q1"));
        Assert.Equal("\u04201 (ANDROID-abc123)", book.Distinct("ANDROID-abc123", "\u04201"));
        Assert.Equal("p1 (ANDROID-abc123)", book.Distinct("ANDROID-abc123", "p1"));
    }

    [Fact]
    public void A_callsign_with_its_unit_id_taken_too_or_too_long_for_it_is_numbered()
    {
        var longId = new string('u', InputLimits.MaxIdChars);
        var book = Book(("p1", "P1"), ("x", "P1 (dev)"), ("y", "P1 (2)"));

        Assert.Equal("p1 (3)", book.Distinct("dev", "p1"));
        Assert.Equal("P1 (3)", book.Distinct(longId, "P1"));
    }

    [Fact]
    public void A_long_callsign_is_cut_to_leave_room_for_the_unit_id_and_never_inside_a_character()
    {
        var callsign = new string('A', 58) + "\U0001F6A8" + "B";
        var book = Book(("a", callsign));

        var distinct = book.Distinct("dev", callsign);

        Assert.Equal(new string('A', 58) + " (dev)", distinct);
        Assert.True(distinct.Length <= InputLimits.MaxCallsignChars);
    }
}
