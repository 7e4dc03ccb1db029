using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;
using Command.Grains.Units;
using Command.Grains.Zones;
using Orleans.Core.Internal;

namespace Command.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IncidentGrainTests(ClusterFixture fixture)
{
    // Unit grains are keyed by unit id alone and a unit is enrolled in one open incident at a time: each test's own.
    private readonly string P1 = $"P1-{Guid.NewGuid():N}"[..16];

    // A unit is enrolled in one open incident at a time, and the tests share one cluster: each test has its own units.
    private readonly string P2 = $"P2-{Guid.NewGuid():N}"[..16];

    private static string NewId() => $"inc-{Guid.NewGuid():N}";

    private async Task<IIncidentGrain> OpenAsync(string id, bool autoEnrol = true)
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        Assert.Null(await incident.Open(Sites.Open(autoEnrol)));
        return incident;
    }

    [Fact]
    public async Task A_report_updates_the_unit_and_the_incident()
    {
        // Unit grains are keyed by unit id alone (a unit outlives its incidents): this test's unit is its own.
        var id = NewId();
        var unitId = $"P-{Guid.NewGuid():N}";
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(unitId, "Patrol 1", UnitRole.Contact, "dispatch"));
        var enrolledAt = fixture.Clock.GetUtcNow();
        var report = Sites.Report(unitId, ClusterFixture.Start, 0, -50);

        var results = await incident.Submit([report], [], null);
        await incident.ReadModelsTold();

        Assert.Equal([null], results);
        var unit = Assert.Single(await incident.GetUnits());
        Assert.Equal(report, unit.LastFix);
        Assert.Equal(UnitRole.Contact, unit.Role);
        var record = await fixture.Grains.GetGrain<IUnitGrain>(unitId).Get();
        Assert.Equal(new UnitRecord(unitId, "Patrol 1", UnitRole.Contact, id, enrolledAt, report, id), record);
    }

    [Fact]
    public async Task Fixes_of_a_second_device_that_keeps_drawing_the_unit_away_are_refused_by_name_once_it_has_twice()
    {
        // The phone 70 m south every 7 s; a clone 220 m east between its fixes, 3.5 s after each: no speed refused either.
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(P1, "Bravo 2", UnitRole.Contact, "dispatch"));
        var results = new List<Rejection?>();
        for (var i = 0; i < 8; i++)
        {
            var at = ClusterFixture.Start.AddSeconds(7 * i);
            results.AddRange(await incident.Submit([Sites.Report(P1, at, 0, -70)], [], null));
            results.AddRange(await incident.Submit([Sites.Report(P1, at.AddSeconds(3.5), 220, 0)], [], null));
        }

        // Two excursions taken, then every one of the clone's refused, every one of the phone's taken.
        Assert.Equal([null, null, null, null, null, RejectReason.SecondDevice, null, RejectReason.SecondDevice],
            results.Take(8).Select(r => r?.Reason));
        Assert.All(results.Skip(8).Where((_, i) => i % 2 == 1), r => Assert.Equal(RejectReason.SecondDevice, r?.Reason));
        Assert.All(results.Where((_, i) => i % 2 == 0), Assert.Null);
        Assert.Equal(Sites.Frame.ToGeo(new(0, -70)), Assert.Single(await incident.GetUnits()).LastFix!.Position);
    }

    [Fact]
    public async Task A_device_that_reports_under_another_callsign_is_said_once_each_way_and_the_unit_keeps_its_enrolled_callsign()
    {
        // Enrolled as G7, its phone says GOLF 7 from the first (no change), then GOLF 7 (MEDIC), then flaps back and forth.
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.Enrol(P1, "G7", UnitRole.Contact, "dispatch"));
        string[] callsigns = ["GOLF 7", "GOLF 7", "GOLF 7 (MEDIC)", "GOLF 7 (MEDIC)", "GOLF 7", "GOLF 7 (MEDIC)", "GOLF 7"];

        var results = await incident.Submit([.. callsigns.Select((c, i) => Sites.Report(P1, ClusterFixture.Start.AddSeconds(5 * i), 0, -50 + i) with { Callsign = c })], [], null);

        Assert.All(results, Assert.Null);
        Assert.Equal([new UnitDeviceRenamed(P1, "GOLF 7 (MEDIC)", "GOLF 7"), new UnitDeviceRenamed(P1, "GOLF 7", "GOLF 7 (MEDIC)")],
            fixture.Log.Events(id).OfType<UnitDeviceRenamed>().Select(e => e with { Sequence = 0, Time = default }));
        var unit = Assert.Single(await incident.GetUnits());
        Assert.Equal(("G7", "GOLF 7"), (unit.Callsign, unit.LastFix?.Callsign));
    }

    [Fact]
    public async Task Every_event_is_recorded_with_a_gapless_sequence()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 100)), 10, ThreatPhase.Active), "trainer");
        await incident.Submit([Sites.Report(P1, ClusterFixture.Start, 0, -50)], [], null);
        await incident.ChangeRole(P1, UnitRole.Perimeter, "commander");

        var events = fixture.Log.Events(id);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(
            [typeof(IncidentOpened), typeof(UnitEnrolled), typeof(ThreatSet), typeof(PositionAccepted), typeof(UnitRoleChanged)],
            events.Where(e => !e.IsDerived).Select(e => e.GetType()));
        Assert.Equal("commander", events.OfType<UnitRoleChanged>().Single().Actor);
    }

    [Fact]
    public async Task A_unit_set_to_the_role_it_holds_is_as_asked_and_nothing_is_recorded()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var before = fixture.Log.Events(id).Count;

        var again = await incident.ChangeRole(P1, UnitRole.Contact, "commander");

        Assert.Equal(new Rejection(RejectReason.Duplicate, $"unit '{P1}' is already contact: nothing recorded"), again);
        Assert.Equal(before, fixture.Log.Events(id).Count);
        Assert.Null(await incident.ChangeRole(P1, UnitRole.Perimeter, "commander"));
        Assert.Single(fixture.Log.Events(id).OfType<UnitRoleChanged>());
    }

    [Fact]
    public async Task A_units_alert_is_recorded_and_on_its_row_until_cancelled_and_one_for_a_unit_not_enrolled_is_refused()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var at = Sites.Frame.ToGeo(new(0, -50));

        Assert.Null(await incident.Alarm(P1, "911 Alert", false, at, "cot:P1@10.20.0.7"));
        var alarm = Assert.Single(await incident.GetUnits()).Alarm;
        Assert.Null(await incident.Alarm(P1, "Alert", true, at, "cot:P1@10.20.0.7"));
        var refused = await incident.Alarm("X9", "911 Alert", false, at, "cot:X9@10.20.0.8");

        Assert.Equal(("911 Alert", "cot:P1@10.20.0.7"), (alarm?.Kind, alarm?.Actor));
        Assert.Null(Assert.Single(await incident.GetUnits()).Alarm);
        Assert.Equal((RejectReason.UnknownUnit, "unit 'X9' is not enrolled: its alert is not taken"), (refused?.Reason, refused?.Detail));
        Assert.Equal(
            [new UnitAlarmed(P1, "911 Alert", false, at, "cot:P1@10.20.0.7"), new UnitAlarmed(P1, "Alert", true, at, "cot:P1@10.20.0.7")],
            fixture.Log.Events(id).OfType<UnitAlarmed>().Select(e => e with { Sequence = 0, Time = default }));
    }

    [Fact]
    public async Task A_units_sign_off_is_recorded_once_until_it_reports_again_and_one_for_a_unit_not_enrolled_is_refused()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.Submit([Sites.Report(P1, ClusterFixture.Start, 0, -50)], [], null);

        Assert.Null(await incident.SignOff(P1, "cot:6c2d0f1e@10.20.0.2"));
        var row = Assert.Single(await incident.GetUnits());
        var again = await incident.SignOff(P1, "cot:6c2d0f1e@10.20.0.2");
        var stranger = await incident.SignOff("X9", "cot:6c2d0f1e@10.20.0.2");
        await incident.Submit([Sites.Report(P1, ClusterFixture.Start.AddSeconds(30), 0, -45)], [], null);
        var back = Assert.Single(await incident.GetUnits());
        var later = await incident.SignOff(P1, "cot:ANDROID-1@10.20.0.7");

        Assert.Equal((MotionState.Stale, "cot:6c2d0f1e@10.20.0.2"), (row.State, row.SignedOff?.Actor));
        Assert.Equal(RejectReason.Duplicate, again?.Reason);
        Assert.Equal(FormattableString.Invariant($"unit '{P1}' signed off at {row.SignedOff!.At.UtcDateTime:HH:mm:ss}Z and has not reported since"), again?.Detail);
        Assert.Equal((RejectReason.UnknownUnit, "unit 'X9' is not enrolled: its device's sign-off is not taken"), (stranger?.Reason, stranger?.Detail));
        Assert.Null(back.SignedOff);
        Assert.Null(later);
        Assert.Equal(["cot:6c2d0f1e@10.20.0.2", "cot:ANDROID-1@10.20.0.7"], fixture.Log.Events(id).OfType<UnitSignedOff>().Select(e => e.Actor));
    }

    [Fact]
    public async Task A_source_said_down_is_recorded_once_until_it_is_heard_again_and_not_for_an_incident_that_does_not_exist()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        const string tak = "Ingest:Cot:TakServer", name = "the TAK Server at 10.20.0.5:8089";

        var heardFirst = await incident.NoteSource(tak, name, false, null, "10.20.0.2:11111");
        Assert.Null(await incident.NoteSource(tak, name, true, "Connection refused", "10.20.0.2:11111"));
        var again = await incident.NoteSource(tak, name, true, "no answer in 10 s", "10.20.0.3:11111");
        Assert.Null(await incident.NoteSource(tak, name, false, null, "10.20.0.2:11111"));
        Assert.Null(await incident.NoteSource(tak, name, true, "no answer in 10 s", "10.20.0.3:11111"));
        var nowhere = await fixture.Grains.GetGrain<IIncidentGrain>(NewId()).NoteSource(tak, name, true, "Connection refused", "10.20.0.2:11111");

        Assert.Equal((RejectReason.Duplicate, $"source '{tak}' is already recorded heard"), (heardFirst?.Reason, heardFirst?.Detail));
        Assert.Equal((RejectReason.Duplicate, $"source '{tak}' is already recorded down"), (again?.Reason, again?.Detail));
        Assert.Equal(RejectReason.UnknownIncident, nowhere?.Reason);
        Assert.Equal(
            [(true, "Connection refused"), (false, null), (true, "no answer in 10 s")],
            fixture.Log.Events(id).OfType<SourceChanged>().Select(e => (e.Down, e.Detail)));
    }

    [Fact]
    public async Task A_listener_refusing_part_of_what_comes_is_recorded_once_and_again_as_it_goes_down_or_is_heard_in_full()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        const string udp = "Ingest:Cot:Udp@10.20.0.2:11111", name = "CoT over UDP on port 8087", host = "10.20.0.2:11111";
        const string fast = "10.20.0.9 sends faster than its rate limit";

        Assert.Null(await incident.NoteSource(udp, name, true, fast, host, throttled: true));
        var again = await incident.NoteSource(udp, name, true, fast, host, throttled: true);
        Assert.Null(await incident.NoteSource(udp, name, true, "could not bind", host));
        Assert.Null(await incident.NoteSource(udp, name, true, fast, host, throttled: true));
        Assert.Null(await incident.NoteSource(udp, name, false, null, host));

        Assert.Equal((RejectReason.Duplicate, $"source '{udp}' is already recorded refusing part of what comes"), (again?.Reason, again?.Detail));
        Assert.Equal(
            [(true, true, fast), (true, false, "could not bind"), (true, true, fast), (false, false, null)],
            fixture.Log.Events(id).OfType<SourceChanged>().Select(e => (e.Down, e.Throttled, e.Detail)));
    }

    [Fact]
    public async Task A_host_that_left_the_cluster_is_recorded_once_with_its_listeners_no_longer_down_and_nothing_else()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        const string left = "10.20.0.2:11111", other = "10.20.0.3:11111", tak = "Ingest:Cot:TakServer";
        Assert.Null(await incident.NoteSource($"Ingest:Nmea:Tcp@{left}", "NMEA over TCP on port 10110", true, "could not bind", left));
        Assert.Null(await incident.NoteSource($"Ingest:Cot:Udp@{other}", "CoT over UDP on port 8087", true, "could not bind", other));
        Assert.Null(await incident.NoteSource(tak, "the TAK Server at 10.20.0.5:8089", true, "Connection refused", left));

        var first = await incident.HostLeft(left, other);
        var again = await incident.HostLeft(left, "10.20.0.4:11111");
        var nowhere = await fixture.Grains.GetGrain<IIncidentGrain>(NewId()).HostLeft(left, other);

        Assert.Equal((2, 0, 0), (first, again, nowhere));
        Assert.Equal((left, other), Assert.Single(fixture.Log.Events(id).OfType<HostDeparted>()) is var departed ? (departed.Host, departed.By) : default);
        var gone = fixture.Log.Events(id).OfType<SourceChanged>().Last();
        Assert.Equal(($"Ingest:Nmea:Tcp@{left}", false, $"its host {left} left the cluster", other), (gone.SourceId, gone.Down, gone.Detail, gone.Host));
        var frame = await incident.GetFullFrame();
        Assert.Equal([tak, $"Ingest:Cot:Udp@{other}"], frame!.SourcesDown!.Value.Select(o => o.SourceId).Order(StringComparer.Ordinal));

        // A later run of the host at its address, restarted, leaves in its turn: recorded once, as that run's.
        var run = await incident.HostLeft(left, other, 7, restarted: true);
        var runAgain = await incident.HostLeft(left, "10.20.0.4:11111", 7, restarted: true);
        Assert.Equal((1, 0), (run, runAgain));
        Assert.Equal((left, other, 7, true), fixture.Log.Events(id).OfType<HostDeparted>().Last() is var later ? (later.Host, later.By, later.Generation, later.Restarted) : default);
    }

    [Fact]
    public async Task A_hole_in_the_record_is_recorded_once_for_each_host_that_tells_of_it_and_one_of_nonsense_is_refused()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        var from = DateTimeOffset.UtcNow.AddMinutes(-3);
        var hole = new RecordingInterrupted("10.20.0.2:11111", from, from.AddSeconds(125), 22, 1, "the incident's storage did not answer (Connection refused)");

        Assert.Null(await incident.NoteHole(hole));
        Assert.Equal(RejectReason.Duplicate, (await incident.NoteHole(hole with { Reports = 23 }))?.Reason);
        Assert.Null(await incident.NoteHole(hole with { Host = "10.20.0.3:11111", Reports = 4, Commands = 0 }));
        Assert.Equal(RejectReason.InvalidValue, (await incident.NoteHole(hole with { From = from.AddMinutes(1), Until = from }))?.Reason);
        Assert.Equal(RejectReason.UnknownIncident, (await fixture.Grains.GetGrain<IIncidentGrain>(NewId()).NoteHole(hole))?.Reason);

        Assert.Equal([("10.20.0.2:11111", 22), ("10.20.0.3:11111", 4)], fixture.Log.Events(id).OfType<RecordingInterrupted>().Select(h => (h.Host, h.Reports)));
    }

    [Fact]
    public async Task A_drill_carried_on_after_its_host_went_down_is_said_not_played_for_as_long_as_its_record_measures()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.RecordDrill("start", "demo", "drill", speed: 1));
        var saved = fixture.Clock.GetUtcNow().AddSeconds(-7.56);

        Assert.Null(await incident.RecordDrill(DrillControlled.CarryOn, "demo", "drill (carried on at 2:00 of loop 1 after its host stopped)", speed: 1, stoodSince: saved));
        Assert.Null(await incident.RecordDrill(DrillControlled.CarryOn, "demo", "drill (carried on at 2:08 of loop 1 after its host stopped)", speed: 1, stoodSince: fixture.Clock.GetUtcNow().AddSeconds(-0.4)));

        var carried = fixture.Log.Events(id).OfType<DrillControlled>().Where(d => d.Action == DrillControlled.CarryOn).ToList();
        Assert.Equal(
            ["drill (carried on at 2:00 of loop 1 after its host stopped; not played for 0:07, which counts toward no hold)", "drill (carried on at 2:08 of loop 1 after its host stopped)"],
            carried.Select(c => c.Actor));
        // The after-action report's figure: from the drill's last save to its carry-on, as recorded.
        Assert.Equal("0:07", Domain.AfterAction.Durations.Clock(carried[0].Time - carried[0].UnplayedSince!.Value));
    }

    [Fact]
    public async Task A_threat_off_the_incidents_ground_is_refused_and_the_one_placed_stands()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active), "commander"));

        var refused = await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 20_000)), null, ThreatPhase.Active), "cot:H-1@10.20.0.9", PhaseChanges.Marker);

        Assert.Equal(RejectReason.InvalidCoordinates, refused?.Reason);
        Assert.EndsWith("is 20 km from site " + (await incident.GetView())!.Site.Name + ": a threat is placed within 10 km of it", refused?.Detail, StringComparison.Ordinal);
        Assert.Single(fixture.Log.Events(id).OfType<ThreatSet>());
    }

    [Fact]
    public async Task A_threat_sent_again_as_it_stands_records_nothing_and_one_changed_in_anything_is_recorded()
    {
        // ATAK broadcasts its markers every minute or so, the same uid, point and text: each was a "threat placed".
        var id = NewId();
        var incident = await OpenAsync(id);
        var marker = new Threat("T1", Sites.Frame.ToGeo(new(0, 40)), 12, ThreatPhase.Active, StaleAfter: ClusterFixture.Start.AddMinutes(2), Marker: "HOSTILE-1",
            Name: "Shooter", Remarks: "male, black hoodie");
        Assert.Null(await incident.SetThreat(marker, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker));

        // Sent again, its stale a minute later: when it was sent is no change of the threat.
        var again = await incident.SetThreat(marker with { StaleAfter = ClusterFixture.Start.AddMinutes(3) }, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker);
        // Each changed in one thing from the one before it.
        var changed = new List<Threat> { marker with { Position = Sites.Frame.ToGeo(new(0, 45)) } };
        changed.Add(changed[^1] with { UncertaintyM = 20 });
        changed.Add(changed[^1] with { Floor = 1 });
        changed.Add(changed[^1] with { Phase = ThreatPhase.Reported });
        changed.Add(changed[^1] with { Name = "Gunman" });
        changed.Add(changed[^1] with { Remarks = "rifle" });
        changed.Add(changed[^1] with { Marker = "HOSTILE-2" });
        foreach (var threat in changed)
        {
            Assert.Null(await incident.SetThreat(threat, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker));
        }

        Assert.Equal((RejectReason.Duplicate, "threat T1 already stands as sent, active: nothing recorded"), (again?.Reason, again?.Detail));
        Assert.Equal(1 + changed.Count, fixture.Log.Events(id).OfType<ThreatSet>().Count());

        // Its marker deleted since, the marker sent again as it was placed answers the deletion: that is a change.
        Assert.Null(await incident.DeleteMarker("HOSTILE-2", "cot:ANDROID-7f3a@10.20.0.9"));
        Assert.Null(await incident.SetThreat(changed[^1], "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(Assert.Single((await incident.GetView())!.Threats).MarkerDeleted);
        Assert.Equal(2 + changed.Count, fixture.Log.Events(id).OfType<ThreatSet>().Count());
    }

    [Fact]
    public async Task A_threat_declared_contained_stays_contained_when_its_marker_is_sent_again_or_moved()
    {
        // ATAK sends its markers again every minute, always hostile: each put the contained threat back to active, and
        // every flag came back with it.
        var id = NewId();
        var incident = await OpenAsync(id);
        var marker = new Threat("T1", Sites.Frame.ToGeo(new(0, 40)), 12, ThreatPhase.Active, Marker: "HOSTILE-1", Name: "Shooter");
        Assert.Null(await incident.SetThreat(marker, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(await incident.SetThreatPhase("T1", ThreatPhase.Contained, "commander", "subject barricaded in room 114"));

        var again = await incident.SetThreat(marker, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker);
        var moved = await incident.SetThreat(marker with { Position = Sites.Frame.ToGeo(new(0, 45)) }, "cot:HOSTILE-1@10.20.0.9", PhaseChanges.Marker);

        Assert.Equal(RejectReason.Duplicate, again?.Reason);
        Assert.Null(moved);
        var threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Contained, Sites.Frame.ToGeo(new(0, 45))), (threat.Phase, threat.Position));
        Assert.Equal([ThreatPhase.Active, ThreatPhase.Contained], fixture.Log.Events(id).OfType<ThreatSet>().Select(t => t.Threat.Phase));
    }

    [Fact]
    public async Task Another_marker_on_a_contained_threat_is_recorded_as_a_sighting_that_moves_nothing_until_it_is_declared_active()
    {
        // Officers drop markers on a barricaded subject all the time; a second subject, or the first breaking out, looks the
        // same on the map. It moved the contained threat to the new marker, still contained, with no word said.
        var id = NewId();
        var incident = await OpenAsync(id);
        var room12 = Sites.Frame.ToGeo(new(0, 0));
        Assert.Null(await incident.SetThreat(new Threat("T1", room12, null, ThreatPhase.Active), "commander"));
        Assert.Null(await incident.SetThreatPhase("T1", ThreatPhase.Contained, "commander", "barricaded in room 12"));
        const string officer = "cot:HOSTILE-9@127.0.0.1, placed by ZULU 1";
        var marker = new Threat("T1", Sites.Frame.ToGeo(new(0, 25)), null, ThreatPhase.Active, Marker: "HOSTILE-9");

        Assert.Null(await incident.SetThreat(marker, officer, PhaseChanges.Marker));
        var again = await incident.SetThreat(marker with { Position = Sites.Frame.ToGeo(new(5, 30)) }, officer, PhaseChanges.Marker);
        Assert.Null(await incident.SetThreat(marker with { Position = Sites.Frame.ToGeo(new(0, 80)) }, officer, PhaseChanges.Marker));

        Assert.Equal(RejectReason.Duplicate, again?.Reason);
        Assert.Equal([("25 m north", marker.Position), ("80 m north", Sites.Frame.ToGeo(new(0, 80)))],
            fixture.Log.Events(id).OfType<ThreatSighted>().Select(s => (s.Heading, s.Position)));
        Assert.Single(fixture.Log.Events(id).OfType<ThreatSet>());
        var threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Contained, room12, "HOSTILE-9"), (threat.Phase, threat.Position, threat.Sighted?.Marker));

        // Declared active by a commander, the sighting has been answered; the threat stays where it was declared.
        Assert.Null(await incident.SetThreatPhase("T1", ThreatPhase.Active, "commander", "subject broke out"));
        threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Active, room12, null), (threat.Phase, threat.Position, threat.Sighted));
    }

    [Fact]
    public async Task With_a_threat_per_marker_another_marker_beside_a_contained_threat_is_a_threat_of_its_own()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.SetThreat(new Threat("H-2", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(await incident.SetThreatPhase("H-2", ThreatPhase.Contained, "commander", "barricaded in room 12"));

        // Cot:ThreatPerUid: each marker sets the threat its uid names.
        Assert.Null(await incident.SetThreat(new Threat("HOSTILE-9", Sites.Frame.ToGeo(new(0, 25)), null, ThreatPhase.Active, Marker: "HOSTILE-9"), "cot:HOSTILE-9@127.0.0.1", PhaseChanges.Marker));

        var threats = (await incident.GetView())!.Threats.ToDictionary(t => t.ThreatId);
        Assert.Equal((ThreatPhase.Contained, null), (threats["H-2"].Phase, threats["H-2"].Sighted));
        Assert.Equal((ThreatPhase.Active, Sites.Frame.ToGeo(new(0, 25))), (threats["HOSTILE-9"].Phase, threats["HOSTILE-9"].Position));
        Assert.Empty(fixture.Log.Events(id).OfType<ThreatSighted>());
    }

    [Fact]
    public async Task A_sightings_marker_deleted_clears_it_and_its_threats_own_marker_still_moves_it()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(await incident.SetThreatPhase("T1", ThreatPhase.Contained, "commander", "barricaded in room 12"));
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 25)), null, ThreatPhase.Active, Marker: "HOSTILE-9"), "cot:HOSTILE-9@127.0.0.1", PhaseChanges.Marker));

        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(4, 0)), null, ThreatPhase.Active, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));
        var threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Contained, Sites.Frame.ToGeo(new(4, 0)), "HOSTILE-9"), (threat.Phase, threat.Position, threat.Sighted?.Marker));

        Assert.Null(await incident.DeleteMarker("HOSTILE-9", "cot:HOSTILE-9@127.0.0.1"));
        Assert.Equal([new ThreatMarkerDeleted("T1", "HOSTILE-9", "cot:HOSTILE-9@127.0.0.1", Sighting: true)],
            fixture.Log.Events(id).OfType<ThreatMarkerDeleted>().Select(e => e with { Sequence = 0, Time = default }));
        threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Contained, null, null), (threat.Phase, threat.Sighted, threat.MarkerDeleted));

        // The deletion passed on again (a TAK Server sends it once more) is a repeat, also once the incident is restored.
        var again = await incident.DeleteMarker("HOSTILE-9", "cot:HOSTILE-9@127.0.0.1");
        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var restored = await incident.DeleteMarker("HOSTILE-9", "cot:HOSTILE-9@127.0.0.1");
        Assert.Equal((RejectReason.Duplicate, "the deletion of sighted marker HOSTILE-9 is already recorded"), (again?.Reason, again?.Detail));
        Assert.Equal(again, restored);
        Assert.Single(fixture.Log.Events(id).OfType<ThreatMarkerDeleted>());
    }

    [Fact]
    public async Task The_threats_marker_deleted_is_recorded_once_and_a_deletion_of_anything_else_is_refused()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));

        var notOurs = await incident.DeleteMarker("ROUTE-1", "cot:ANDROID-7f3a@10.20.0.9");
        Assert.Null(await incident.DeleteMarker("H-2", "cot:ANDROID-7f3a@10.20.0.9"));
        var again = await incident.DeleteMarker("H-2", "cot:ANDROID-7f3a@10.20.0.9");

        Assert.Equal((RejectReason.NotAPosition, "deletion of map item ROUTE-1, which placed no threat here, is not a position"), (notOurs?.Reason, notOurs?.Detail));
        Assert.Equal((RejectReason.Duplicate, "threat T1's marker H-2 is already recorded as deleted"), (again?.Reason, again?.Detail));
        Assert.Equal([new ThreatMarkerDeleted("T1", "H-2", "cot:ANDROID-7f3a@10.20.0.9")],
            fixture.Log.Events(id).OfType<ThreatMarkerDeleted>().Select(e => e with { Sequence = 0, Time = default }));
        var threat = Assert.Single((await incident.GetView())!.Threats);
        Assert.Equal((ThreatPhase.Active, "H-2", "cot:ANDROID-7f3a@10.20.0.9"), (threat.Phase, threat.MarkerDeleted?.Marker, threat.MarkerDeleted?.Actor));

        // Marked as other than hostile, and then deleted, are two things said of it; the same said again is a duplicate.
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-5"), "cot:H-5@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(await incident.DeleteMarker("H-5", "cot:H-5@10.20.0.9", null, "unknown"));
        Assert.Equal((RejectReason.Duplicate, "threat T1's marker H-5 is already recorded as marked unknown"),
            (await incident.DeleteMarker("H-5", "cot:H-5@10.20.0.9", null, "unknown")) is { } twice ? (twice.Reason, twice.Detail) : default);
        Assert.Equal("unknown", Assert.Single((await incident.GetView())!.Threats).MarkerDeleted?.Became);
        Assert.Null(await incident.DeleteMarker("H-5", "cot:ANDROID-7f3a@10.20.0.9"));
        Assert.Null(Assert.Single((await incident.GetView())!.Threats).MarkerDeleted?.Became);

        // A device enrolled here is named by its callsign too: a commander radios an officer, not his phone.
        await incident.Enrol("ANDROID-7f3a", "ALPHA 7", UnitRole.Contact, "cot");
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-3"), "cot:H-3@10.20.0.9", PhaseChanges.Marker));
        Assert.Null(await incident.DeleteMarker("H-3", "cot:ANDROID-7f3a@10.20.0.9", "ANDROID-7f3a"));
        Assert.Equal("cot:ANDROID-7f3a@10.20.0.9, ALPHA 7", Assert.Single((await incident.GetView())!.Threats).MarkerDeleted?.Actor);
        // One whose callsign would take the actor past its limit is named by its source alone, rather than lost.
        var longName = new string('K', 64);
        await incident.Enrol("ANDROID-99", longName, UnitRole.Contact, "cot");
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 0)), null, ThreatPhase.Active, Marker: "H-4"), "cot:H-4@10.20.0.9", PhaseChanges.Marker));
        var source = $"cot:ANDROID-99@{new string('f', 50)}";
        Assert.Null(await incident.DeleteMarker("H-4", source, "ANDROID-99"));
        Assert.Equal(source, Assert.Single((await incident.GetView())!.Threats).MarkerDeleted?.Actor);

        // The threat placed again from the API is no longer the marker's: its deletion then changes nothing.
        Assert.Null(await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 5)), 10, ThreatPhase.Active), "incident command"));
        Assert.Equal(RejectReason.NotAPosition, (await incident.DeleteMarker("H-2", "cot:ANDROID-7f3a@10.20.0.9"))?.Reason);
        Assert.Null(Assert.Single((await incident.GetView())!.Threats).MarkerDeleted);
    }

    [Fact]
    public async Task A_duplicate_fix_is_refused_and_recorded_with_its_reason()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var first = Sites.Report(P1, ClusterFixture.Start, 0, -50);

        var results = await incident.Submit([first, first with { Position = Sites.Frame.ToGeo(new(0, -45)) }], [], null);

        Assert.Null(results[0]);
        Assert.Equal(RejectReason.Duplicate, results[1]?.Reason);
        var rejected = Assert.Single(fixture.Log.Events(id).OfType<InputRejected>());
        Assert.Equal((RejectReason.Duplicate, P1), (rejected.Reason, rejected.UnitId));
        Assert.Contains($"\"unitId\":\"{P1}\"", rejected.Raw, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single(await incident.GetUnits()).LastFix);
    }

    [Fact]
    public async Task Unknown_unit_is_refused_when_the_incident_does_not_auto_enrol()
    {
        var id = NewId();
        var incident = await OpenAsync(id, autoEnrol: false);

        var results = await incident.Submit([Sites.Report("X9", ClusterFixture.Start, 0, 0)], [], null);

        Assert.Equal((RejectReason.UnknownUnit, $"unit 'X9' is not enrolled and incident '{id}' does not enrol units on first report"), (results[0]?.Reason, results[0]?.Detail));
        Assert.Empty(await incident.GetUnits());
    }

    [Fact]
    public async Task Unknown_unit_refused_by_its_source_says_so_where_the_incident_would_enrol_it()
    {
        var incident = await OpenAsync(NewId(), autoEnrol: true);

        var results = await incident.Submit([Sites.Report("W0WX", ClusterFixture.Start, 0, 0)], [], autoEnrol: false);

        Assert.Equal((RejectReason.UnknownUnit, "unit 'W0WX' is not enrolled and its source takes reports of enrolled units only (its UnknownUnits is Refuse)"),
            (results[0]?.Reason, results[0]?.Detail));
        Assert.Empty(await incident.GetUnits());
    }

    [Fact]
    public async Task Unknown_unit_joins_with_the_role_its_source_suggests()
    {
        var incident = await OpenAsync(NewId());
        var report = Sites.Report("MEDIC-7", ClusterFixture.Start, 0, -100) with { Callsign = "Medic 7", RoleHint = UnitRole.Medical };

        await incident.Submit([report], [], null);

        var unit = Assert.Single(await incident.GetUnits());
        Assert.Equal(("MEDIC-7", "Medic 7", UnitRole.Medical), (unit.UnitId, unit.Callsign, unit.Role));
    }

    [Fact]
    public async Task Commands_on_a_missing_incident_are_refused()
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(NewId());

        Assert.Equal(RejectReason.UnknownIncident, (await incident.Enrol(P1, P1, UnitRole.Contact, "x"))?.Reason);
        Assert.Null(await incident.GetView());
    }

    [Fact]
    public async Task Acknowledging_a_subject_without_a_flag_up_is_refused_and_nothing_is_recorded()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol("C1", "Command 1", UnitRole.Command, "dispatch");
        var recorded = fixture.Log.Events(id).Count;

        var unknown = await incident.Acknowledge("NOPE", "hazard reported", "commander");
        var flagless = await incident.Acknowledge("C1", "hazard reported", "commander");
        var zone = await incident.Acknowledge("zone:hot", "hazard reported", "commander");

        Assert.Equal((RejectReason.UnknownUnit, "incident '" + id + "' has no unit or zone 'NOPE'"), (unknown?.Reason, unknown?.Detail));
        Assert.Equal((RejectReason.NoFlagUp, "'C1' has no flag up"), (flagless?.Reason, flagless?.Detail));
        Assert.Equal(RejectReason.NoFlagUp, zone?.Reason);
        Assert.Equal(recorded, fixture.Log.Events(id).Count);
    }

    [Fact]
    public async Task A_unit_is_enrolled_in_one_open_incident_at_a_time()
    {
        var (firstId, secondId) = (NewId(), NewId());
        var first = await OpenAsync(firstId);
        var second = await OpenAsync(secondId);
        Assert.Null(await first.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch"));

        var stolen = await second.Enrol(P1, "steal", UnitRole.Contact, "dispatch");
        await second.ReadModelsTold();

        Assert.Equal(RejectReason.EnrolledElsewhere, stolen?.Reason);
        Assert.Contains($"incident '{firstId}'", stolen!.Detail, StringComparison.Ordinal);
        Assert.Empty(await second.GetUnits());
        Assert.Equal(firstId, (await fixture.Grains.GetGrain<IUnitGrain>(P1).Get())?.IncidentId);
    }

    [Fact]
    public async Task A_report_to_another_incident_does_not_enrol_a_unit_an_open_incident_holds()
    {
        // A report posted straight to the second incident, which enrols units on their first report, is refused and
        // recorded as refused there; the unit stays the first incident's, and a unit nobody holds is enrolled as ever.
        var (firstId, secondId) = (NewId(), NewId());
        var first = await OpenAsync(firstId);
        var second = await OpenAsync(secondId);
        Assert.Null(await first.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch"));
        var free = $"F-{Guid.NewGuid():N}"[..12];

        var results = await second.Submit([Sites.Report(P1, ClusterFixture.Start, 0, -50), Sites.Report(free, ClusterFixture.Start, 0, -40)], [], autoEnrol: true);
        await second.ReadModelsTold();

        Assert.Equal(RejectReason.EnrolledElsewhere, results[0]?.Reason);
        Assert.Equal($"unit '{P1}' is enrolled in incident '{firstId}'; a commander of that incident must release it first (Release from incident… on its row)", results[0]?.Detail);
        Assert.Null(results[1]);
        Assert.Equal([free], (await second.GetUnits()).Select(u => u.UnitId));
        Assert.Equal(firstId, (await fixture.Grains.GetGrain<IUnitGrain>(P1).Get())?.IncidentId);
        Assert.Equal(secondId, (await fixture.Grains.GetGrain<IUnitGrain>(free).Get())?.IncidentId);
        Assert.Contains(fixture.Log.Events(secondId), e => e is InputRejected { Reason: RejectReason.EnrolledElsewhere });
    }

    [Fact]
    public async Task A_unit_caught_by_the_wrong_incident_is_released_there_and_enrolled_by_its_own_while_both_stay_open()
    {
        // A late joiner's radio reports to the listeners' incident, which enrols it; his own commander cannot have him
        // until the first lets him go. Once let go, the first takes his reports no more and does not enrol him again.
        var (wrongId, ownId) = (NewId(), NewId());
        var wrong = await OpenAsync(wrongId);
        var own = await OpenAsync(ownId);
        var late = $"L-{Guid.NewGuid():N}"[..12];
        Assert.Equal([null], await wrong.Submit([Sites.Report(late, ClusterFixture.Start, 0, -50)], [], autoEnrol: true));
        Assert.Equal(RejectReason.EnrolledElsewhere, (await own.Enrol(late, "Fox 1", UnitRole.Contact, "cmdr-b"))?.Reason);

        Assert.Equal(RejectReason.MissingField, (await wrong.Release(late, " ", "cmdr-a"))?.Reason);
        Assert.Equal(RejectReason.UnknownUnit, (await wrong.Release("nobody", "wrong incident", "cmdr-a"))?.Reason);
        Assert.Null(await wrong.Release(late, "enrolled in the wrong incident", "cmdr-a"));
        var again = await wrong.Release(late, "enrolled in the wrong incident", "cmdr-a");
        await wrong.ReadModelsTold();

        Assert.Equal(RejectReason.Duplicate, again?.Reason);
        Assert.StartsWith($"unit '{late}' was released already, at ", again!.Detail, StringComparison.Ordinal);
        Assert.Empty(await wrong.GetUnits());
        Assert.Null((await fixture.Grains.GetGrain<IUnitGrain>(late).Get())?.IncidentId);
        Assert.Null(await own.Enrol(late, "Fox 1", UnitRole.Contact, "cmdr-b"));
        Assert.Equal(ownId, (await fixture.Grains.GetGrain<IUnitGrain>(late).Get())?.IncidentId);

        var refused = await wrong.Submit([Sites.Report(late, ClusterFixture.Start.AddSeconds(10), 0, -45)], [], autoEnrol: true);
        Assert.Equal(RejectReason.UnknownUnit, refused[0]?.Reason);
        Assert.Matches($"^unit '{late}' was released from incident '{wrongId}' at \\d\\d:\\d\\d:\\d\\d UTC by cmdr-a \\(enrolled in the wrong incident\\): its reports are not taken here unless a commander enrols it here again$", refused[0]!.Detail);
        Assert.Empty(await wrong.GetUnits());
        Assert.Contains(fixture.Log.Events(wrongId), e => e is UnitReleased { Reason: "enrolled in the wrong incident", Actor: "cmdr-a" });
    }

    [Fact]
    public async Task A_unit_whose_incident_closed_without_letting_it_go_can_be_enrolled_elsewhere()
    {
        // The first incident closed, but its unit grain still names it (the release was lost as its host went down):
        // the unit grain asks the incident, which no longer holds the unit, and the second incident gets it.
        var (firstId, secondId) = (NewId(), NewId());
        var first = await OpenAsync(firstId);
        var second = await OpenAsync(secondId);
        Assert.Null(await first.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch"));
        Assert.Null(await first.Close("exercise over", "commander"));
        await first.ReadModelsTold();
        var unit = fixture.Grains.GetGrain<IUnitGrain>(P1);
        await unit.Enrolled(new UnitEnrolment(firstId, "Patrol 1", UnitRole.Contact, ClusterFixture.Start));
        Assert.Equal(firstId, (await unit.Get())?.IncidentId);

        Assert.Null(await second.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch"));
        Assert.Equal(secondId, (await unit.Get())?.IncidentId);
    }

    [Fact]
    public async Task Opening_twice_is_refused()
    {
        var incident = await OpenAsync(NewId());

        Assert.Equal(RejectReason.AlreadyExists, (await incident.Open(Sites.Open()))?.Reason);
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 100)), 10, ThreatPhase.Active), "trainer");
        var report = Sites.Report(P1, ClusterFixture.Start, 0, -50);
        await incident.Submit([report], [], null);
        var before = await incident.GetView();

        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var after = await incident.GetView();

        Assert.Equal(before!.LastSequence, after!.LastSequence);
        Assert.Equal(before.Threats, after.Threats);
        Assert.Equal(report, Assert.Single(await incident.GetUnits()).LastFix);
        var next = await incident.Submit([report with { FixTime = report.FixTime.AddSeconds(1) }], [], null);
        Assert.Equal([null], next);
        Assert.Equal(before.LastSequence + 1, fixture.Log.Events(id).Where(e => !e.IsDerived).Max(e => e.Sequence));
    }

    [Fact]
    public async Task A_restored_incident_still_refuses_a_second_commander_the_flag_another_acknowledged_and_lets_him_renew_it()
    {
        // P1 holds 40 m short of the active threat until it is flagged; the first commander acknowledges it, the host
        // restarts (the incident comes back from its snapshot), and the acknowledgement still has its author.
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.Enrol(P2, "Patrol 2", UnitRole.Contact, "dispatch");
        await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 100)), 5, ThreatPhase.Active), "trainer");
        for (var i = 0; i < 24; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal([null], await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow(), (i % 3) - 1.0, 60)], [], null));
        }

        Assert.Contains(fixture.Log.Events(id), e => e is FlagRaised { Subject: var s } && s == P1);
        Assert.Null(await incident.Acknowledge(P1, "covering the west door", "first"));
        var acknowledgedAt = fixture.Log.Events(id).OfType<FlagAcknowledged>().Single().Time;

        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var second = await incident.Acknowledge(P1, "also seen", "second");
        var renewed = await incident.Acknowledge(P1, "still covering the west door", "first");

        Assert.Equal(
            (RejectReason.AlreadyAcknowledged,
                $"the flag on '{P1}' is already acknowledged by first at {acknowledgedAt.UtcDateTime:HH:mm:ss} UTC (covering the west door); it is not acknowledged again by another commander while that acknowledgement keeps it quiet: a note records more"),
            (second?.Reason, second?.Detail));
        Assert.Null(renewed);
        Assert.Equal([("first", "covering the west door"), ("first", "still covering the west door")],
            fixture.Log.Events(id).OfType<FlagAcknowledged>().Select(a => (a.Actor, a.Reason)));
    }

    [Fact]
    public async Task Zones_are_defined_when_the_incident_opens()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.ReadModelsTold();

        var hot = await fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, "hot")).Get();

        Assert.Equal("Hot zone", hot?.Zone.Name);
        Assert.Empty(hot!.Occupants);
    }

    [Fact]
    public async Task A_zone_grain_keeps_the_newest_telling_of_who_is_inside()
    {
        var zone = fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(NewId(), "hot"));
        var hot = Sites.School().Zones[0];
        var newer = new ZoneReading(hot, [new ZoneOccupant("P2", "Patrol 2", ClusterFixture.Start.AddSeconds(5))], null, null, AsOf: 12);

        await zone.Tell(newer);
        await zone.Tell(new ZoneReading(hot, [new ZoneOccupant(P1, "Patrol 1", ClusterFixture.Start)], null, null, AsOf: 9));

        var kept = await zone.Get();
        Assert.Equal(newer.AsOf, kept!.AsOf);
        Assert.Equal(newer.Occupants, kept.Occupants);
    }

    [Fact]
    public async Task A_zone_grain_knows_who_is_inside_and_since_when()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        // Reported now: a fix the incident's clock has left minutes behind would be a stale unit's.
        var now = fixture.Clock.GetUtcNow();
        var inside = Sites.Report(P1, now, 0, 100);
        var outside = Sites.Report(P2, now, 0, -100);

        await incident.Submit([inside, outside], [], null);
        await incident.ReadModelsTold();
        var hot = await fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, "hot")).Get();
        await incident.Submit([inside with { FixTime = inside.FixTime.AddSeconds(5), Position = Sites.Frame.ToGeo(new(0, 200)) }], [], null);
        await incident.ReadModelsTold();
        var after = await fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, "hot")).Get();

        Assert.Equal([new ZoneOccupant(P1, P1, now)], hot!.Occupants);
        Assert.Empty(after!.Occupants);
    }

    [Fact]
    public async Task An_incident_whose_recording_cannot_be_read_is_unavailable_never_reopened_and_comes_back_when_it_can()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow(), 0, -50)], [], null);
        var recorded = fixture.Log.Events(id).Count;
        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        fixture.Log.Unreadable(id, true);

        var view = await Assert.ThrowsAsync<IncidentUnavailableException>(() => incident.GetView());
        var submitted = await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow().AddSeconds(1), 0, -45)], [], null);
        var reopened = await incident.Open(Sites.Open());

        Assert.Contains("cannot read its recording", view.Message, StringComparison.Ordinal);
        Assert.Equal(RejectReason.Unavailable, submitted[0]?.Reason);
        Assert.Equal(RejectReason.Unavailable, reopened?.Reason);
        Assert.Equal(recorded, fixture.Log.Events(id).Count);

        // It tries again once its pause has passed, and carries on numbering after what it recorded.
        fixture.Log.Unreadable(id, false);
        fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        var back = await incident.GetView();
        var next = await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow(), 0, -40)], [], null);

        Assert.Equal(recorded, back!.LastSequence);
        Assert.Equal([null], next);
        Assert.Equal(recorded + 1, fixture.Log.Events(id).Where(e => !e.IsDerived).Max(e => e.Sequence));
    }

    [Fact]
    public async Task A_closed_incident_records_who_closed_it_takes_nothing_more_and_lets_its_units_go()
    {
        var id = NewId();
        var unitId = $"P-{Guid.NewGuid():N}";
        var incident = await OpenAsync(id);
        await incident.Enrol(unitId, "Patrol 1", UnitRole.Contact, "dispatch");

        var missingReason = await incident.Close(" ", "commander");
        var closed = await incident.Close("drill over", "commander");
        var enrol = await incident.Enrol("P9", "Patrol 9", UnitRole.Contact, "dispatch");
        var report = await incident.Submit([Sites.Report(unitId, fixture.Clock.GetUtcNow(), 0, -50)], [], null);
        var reopen = await incident.Open(Sites.Open());
        await incident.ReadModelsTold();
        var listing = (await fixture.Grains.GetGrain<Directory.IIncidentDirectoryGrain>(Directory.IIncidentDirectoryGrain.Key).List()).Single(l => l.IncidentId == id);
        var unit = await fixture.Grains.GetGrain<IUnitGrain>(unitId).Get();

        Assert.Equal(RejectReason.MissingField, missingReason?.Reason);
        Assert.Null(closed);
        var recorded = Assert.IsType<IncidentClosed>(fixture.Log.Events(id).Last(e => !e.IsDerived));
        Assert.Equal(("drill over", "commander"), (recorded.Reason, recorded.Actor));
        Assert.Equal(RejectReason.Closed, enrol?.Reason);
        Assert.Equal(RejectReason.Closed, report[0]?.Reason);
        Assert.Equal(RejectReason.AlreadyExists, reopen?.Reason);
        Assert.Equal(recorded.Time, listing.ClosedAt);
        Assert.Null(unit!.IncidentId);
    }

    [Fact]
    public async Task While_the_recording_cannot_be_written_reports_and_commands_are_refused_as_unavailable_and_nothing_is_kept()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        await incident.Enrol(P1, "Patrol 1", UnitRole.Contact, "dispatch");
        var recorded = fixture.Log.Events(id).Count;
        fixture.Log.Unwritable(id, true);

        var submitted = await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow(), 0, -50)], [], null);
        var command = await incident.ChangeRole(P1, UnitRole.Perimeter, "commander");
        fixture.Log.Unwritable(id, false);
        var after = await incident.Submit([Sites.Report(P1, fixture.Clock.GetUtcNow(), 0, -50)], [], null);

        Assert.Equal(RejectReason.Unavailable, submitted[0]?.Reason);
        Assert.Equal(RejectReason.Unavailable, command?.Reason);
        Assert.Equal([null], after);
        var events = fixture.Log.Events(id);
        Assert.Equal(recorded + 1, events.Where(e => !e.IsDerived).Max(e => e.Sequence));
        Assert.Equal(UnitRole.Contact, events.OfType<UnitEnrolled>().Single().Role);
        Assert.DoesNotContain(events, e => e is UnitRoleChanged);
    }
}
