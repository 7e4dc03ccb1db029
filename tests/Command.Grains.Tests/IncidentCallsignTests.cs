using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;
using Command.Grains.Units;

namespace Command.Grains.Tests;

/// <summary>
/// No two units of an incident read alike: a commander or an API enrolling one under a callsign another unit's reads as
/// is refused, naming that unit; a radio that enrols itself so is enrolled with its unit id beside its callsign.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IncidentCallsignTests(ClusterFixture fixture)
{
    // Unit grains are keyed by unit id alone and the tests share one cluster: each test has its own units.
    private readonly string[] units = [.. Enumerable.Range(1, 4).Select(i => $"C{i}-{Guid.NewGuid():N}"[..16])];

    private static string NewId() => $"inc-{Guid.NewGuid():N}";

    private async Task<IIncidentGrain> OpenAsync(string id)
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        Assert.Null(await incident.Open(Sites.Open(autoEnrol: true)));
        return incident;
    }

    private async Task<string> HolderAsync(string unitId) => (await fixture.Grains.GetGrain<IUnitGrain>(unitId).Get())?.IncidentId ?? "free";

    [Fact]
    public async Task A_unit_enrolled_under_a_callsign_another_unit_reads_as_is_refused_naming_that_unit_and_left_free()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(units[0], "P1", UnitRole.Contact, "dispatch"));
        Assert.Null(await incident.Enrol(units[1], "SRO-1", UnitRole.Contact, "dispatch"));
        var recorded = fixture.Log.Events(id).Count;

        var cyrillic = await incident.Enrol(units[2], "\u04201", UnitRole.Perimeter, "dispatch");
        var lower = await incident.Enrol(units[3], "sro-1", UnitRole.Perimeter, "dispatch");

        Assert.Equal(new Rejection(RejectReason.CallsignTaken,
            $"callsign '\u04201' reads as 'P1' of unit '{units[0]}', already enrolled in incident '{id}' ('\u0420' is U+0420): a board or a log could not tell the two apart; give this unit a callsign of its own"), cyrillic);
        Assert.Equal(new Rejection(RejectReason.CallsignTaken,
            $"callsign 'sro-1' reads as 'SRO-1' of unit '{units[1]}', already enrolled in incident '{id}': a board or a log could not tell the two apart; give this unit a callsign of its own"), lower);
        Assert.Equal([units[0], units[1]], (await incident.GetUnits()).Select(u => u.UnitId).Order(StringComparer.Ordinal));
        Assert.Equal(recorded, fixture.Log.Events(id).Count);
        Assert.Equal(["free", "free"], await Task.WhenAll(units[2..].Select(HolderAsync)));

        // Another callsign is taken, and the same unit keeps its own.
        Assert.Null(await incident.Enrol(units[2], "P2", UnitRole.Perimeter, "dispatch"));
        Assert.Equal(RejectReason.AlreadyExists, (await incident.Enrol(units[0], "P1", UnitRole.Contact, "dispatch"))?.Reason);
    }

    [Fact]
    public async Task An_enrolment_of_many_is_refused_whole_for_a_callsign_taken_in_the_incident_or_by_another_of_its_units()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(units[0], "Alpha 1", UnitRole.Contact, "dispatch"));
        var recorded = fixture.Log.Events(id).Count;

        var taken = await incident.EnrolAll([new UnitToEnrol(units[1], "Bravo 1", UnitRole.Contact), new UnitToEnrol(units[2], "\u0391LPHA 1", UnitRole.Contact)], "drill");
        var together = await incident.EnrolAll([new UnitToEnrol(units[1], "Bravo 1", UnitRole.Contact), new UnitToEnrol(units[2], "\uff22\uff52\uff41\uff56\uff4f 1", UnitRole.Contact)], "drill");

        Assert.Equal(new Rejection(RejectReason.CallsignTaken,
            $"callsign '\u0391LPHA 1' reads as 'Alpha 1' of unit '{units[0]}', already enrolled in incident '{id}' ('\u0391' is U+0391): a board or a log could not tell the two apart; give this unit a callsign of its own"), taken);
        Assert.Equal(RejectReason.CallsignTaken, together?.Reason);
        Assert.StartsWith($"callsign '\uff22\uff52\uff41\uff56\uff4f 1' reads as 'Bravo 1' of unit '{units[1]}', enrolled with it ('\uff22' is U+FF22, ", together?.Detail);
        Assert.Equal([units[0]], (await incident.GetUnits()).Select(u => u.UnitId));
        Assert.Equal(recorded, fixture.Log.Events(id).Count);
        Assert.Equal(["free", "free"], await Task.WhenAll(units[1..3].Select(HolderAsync)));
    }

    [Fact]
    public async Task A_unit_enrolled_again_with_its_own_callsign_among_others_only_changes_role()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        ImmutableArray<UnitToEnrol> all = [new(units[0], "P1", UnitRole.Contact), new(units[1], "P2", UnitRole.Contact)];
        Assert.Null(await incident.EnrolAll(all, "drill"));

        Assert.Null(await incident.EnrolAll([all[0] with { Role = UnitRole.Perimeter }, all[1], new(units[2], "P3", UnitRole.Staging)], "drill"));

        Assert.Equal([("P1", UnitRole.Perimeter), ("P2", UnitRole.Contact), ("P3", UnitRole.Staging)],
            (await incident.GetUnits()).OrderBy(u => u.Callsign, StringComparer.Ordinal).Select(u => (u.Callsign, u.Role)));
        Assert.Equal(units[0], Assert.Single(fixture.Log.Events(id).OfType<UnitRoleChanged>()).UnitId);
    }

    [Fact]
    public async Task A_radio_whose_callsign_reads_as_an_enrolled_units_is_enrolled_with_its_unit_id_beside_it_and_its_fixes_taken()
    {
        // Refused, a real radio's positions would be lost; taken under its own callsign, a board could not tell the two apart.
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(units[0], "P1", UnitRole.Contact, "dispatch"));
        var radio = Sites.Report(units[1], ClusterFixture.Start, 0, -50) with { Callsign = "\u04201" };
        var second = Sites.Report(units[2], ClusterFixture.Start, 0, -40) with { Callsign = "p1" };

        var results = await incident.Submit([radio, second], [], null);
        await incident.ReadModelsTold();

        Assert.Equal([null, null], results);
        var board = (await incident.GetUnits()).ToDictionary(u => u.UnitId, u => u.Callsign);
        Assert.Equal(("P1", $"\u04201 ({units[1]})", $"p1 ({units[2]})"), (board[units[0]], board[units[1]], board[units[2]]));
        Assert.Equal([$"\u04201 ({units[1]})", $"p1 ({units[2]})"],
            fixture.Log.Events(id).OfType<UnitEnrolled>().Where(e => e.Actor.StartsWith("auto-enrol", StringComparison.Ordinal)).Select(e => e.Callsign));
        Assert.Equal($"\u04201 ({units[1]})", (await fixture.Grains.GetGrain<IUnitGrain>(units[1]).Get())?.Callsign);
        Assert.Equal(3, board.Values.Select(CallsignKey.Of).Distinct().Count());
    }
}
