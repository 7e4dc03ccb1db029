using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.Tests.AfterAction;

public sealed class AfterActionFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static readonly Site School = new("School", Frame.Origin,
        [new Building("B1", "Main", [At(-30, -30), At(30, -30), At(30, 30), At(-30, 30)])],
        [new Zone("Z-HOT", "Hot", ZoneKind.Hot, [At(-40, -40), At(40, -40), At(40, 40), At(-40, 40)])]);

    private static GeoPoint At(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static IEnumerable<IncidentEvent> Session()
    {
        yield return new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) };
        yield return new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Reported), "cmd") { Time = S(0) };
        yield return new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) };
        yield return new UnitEnrolled("P2", "Adam 2", UnitRole.Perimeter, "cmd") { Time = S(0) };
        yield return Fix("P1", 5, 500, 0);
        yield return new ThreatPhaseChanged("T1", ThreatPhase.Active, "cmd") { Time = S(10) };
        yield return Fix("P1", 20, 140, 0);
        yield return Fix("P1", 20.5, 139, 0);
        yield return new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding 140 m out") { Time = S(22) };
        yield return new FlagCleared("P1", "not-closing", "closing") { Time = S(28) };
        // In through the wall of B1 (30 m east of the threat) at 27 s and within the contact radius of the threat at 38 s,
        // as the middle of its latest three fixes shows by the fix after each.
        yield return Fix("P1", 27, 29, 0);
        yield return Fix("P1", 30, 25, 0);
        yield return new InputRejected(ReportSource.Json, RejectReason.ImpliedSpeed, "fast", "P2", "{}") { Time = S(31) };
        yield return new InputRejected(ReportSource.Json, RejectReason.Duplicate, "dup", "P2", "{}") { Time = S(32) };
        yield return new InputRejected(ReportSource.Json, RejectReason.ImpliedSpeed, "fast", "P2", "{}") { Time = S(33) };
        yield return Fix("P1", 38, 12, 0);
        yield return Fix("P1", 40, 10, 0);
        yield return Fix("P1", 45, 10, 0);
        yield return new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) };
        yield return new FlagEscalated("P1", FlagLevel.Alert, "not-closing", "holding 60 s") { Time = S(55) };
        yield return new FlagAcknowledged("P1", "cmd", "treating casualty") { Time = S(60) };
        yield return new ThreatPhaseChanged("T1", ThreatPhase.Contained, "cmd", "subject barricaded") { Time = S(100) };
    }

    private static PositionAccepted Fix(string unit, double seconds, double east, double north) =>
        new(new PositionReport(unit, ReportSource.Simulator, S(seconds), At(east, north))) { Time = S(seconds) };

    // The session, with the events given after its flag is acknowledged.
    private static IEnumerable<IncidentEvent> SessionWith(params IncidentEvent[] afterAcknowledged)
    {
        foreach (var e in Session())
        {
            yield return e;
            if (e is FlagAcknowledged)
            {
                foreach (var later in afterAcknowledged)
                {
                    yield return later;
                }
            }
        }
    }

    [Fact]
    public async Task A_units_own_alert_is_on_the_timeline_and_in_its_log_and_the_incidents()
    {
        var report = await AfterActionFold.BuildAsync(SessionWith(
            new UnitAlarmed("P1", "911 Alert", false, At(10, 0), "cot:P1@10.20.0.7") { Time = S(70) },
            new UnitAlarmed("P1", "Alert", true, At(10, 0), "cot:P1@10.20.0.7") { Time = S(90) }).ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new TimelineMark(S(70), "alarm-raised", "P1", "911 Alert raised from its device (cot:P1@10.20.0.7)"),
                new TimelineMark(S(90), "alarm-cancelled", "P1", "Alert cancelled from its device (cot:P1@10.20.0.7)"),
            ],
            report.Timeline.Where(m => m.Kind.StartsWith("alarm", StringComparison.Ordinal)));
        Assert.Equal(
            [
                new ActivityEntry(S(70), "P1", "alarm-raised", "911 Alert raised from its device (cot:P1@10.20.0.7)"),
                new ActivityEntry(S(70), null, "alarm-raised", "Adam 1 (P1): 911 Alert raised from its device (cot:P1@10.20.0.7)"),
                new ActivityEntry(S(90), "P1", "alarm-cancelled", "Alert cancelled from its device (cot:P1@10.20.0.7)"),
                new ActivityEntry(S(90), null, "alarm-cancelled", "Adam 1 (P1): Alert cancelled from its device (cot:P1@10.20.0.7)"),
            ],
            report.Activity.Where(a => a.Kind.StartsWith("alarm", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(200, 140)]
    [InlineData(795, 740)]
    public void A_flag_up_at_the_end_counts_as_a_hold_only_as_long_as_the_units_reports_show_it(int reportsUntilS, int heldS)
    {
        // Reports every 5 s from 20 s, 140 m out; flagged at 60 s and never cleared; the recording ends at 800 s.
        var report = Fold([
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            .. Enumerable.Range(4, (reportsUntilS / 5) - 3).Select(i => Fix("P1", i * 5, 140, 0)).Cast<IncidentEvent>().OrderBy(f => f.Time)
                .Append(new FlagRaised("P1", FlagLevel.Alert, "not-closing", "holding") { Time = S(60) }).OrderBy(f => f.Time),
            new IncidentClosed("exercise over", "cmd") { Time = S(800) },
        ]);

        Assert.Equal(TimeSpan.FromSeconds(heldS), report.Units.Single(u => u.UnitId == "P1").LongestFlaggedHold);
    }

    [Fact]
    public void A_flag_brought_back_when_its_acknowledgement_ran_out_is_one_hold_from_its_first_raising_shown_acknowledged()
    {
        // P1 holds 140 m out, flagged from 50 s; acknowledged at 60 s, the acknowledgement runs out and the flag is
        // raised again at 360 s with no clearing between; it clears at 700 s. P2 holds the same, never acknowledged.
        var report = Fold([
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            new UnitEnrolled("P2", "Adam 2", UnitRole.Contact, "cmd") { Time = S(0) },
            .. Enumerable.Range(4, 137).SelectMany(i => new[] { Fix("P1", i * 5, 140, 0), Fix("P2", i * 5, 0, 140) }).Cast<IncidentEvent>()
                .Concat([
                    new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
                    new FlagRaised("P2", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
                    new FlagEscalated("P1", FlagLevel.Alert, "not-closing", "holding 60 s") { Time = S(55) },
                    new FlagEscalated("P2", FlagLevel.Alert, "not-closing", "holding 60 s") { Time = S(55) },
                    new FlagAcknowledged("P1", "cmd", "hazard reported") { Time = S(60) },
                    new FlagRaised("P1", FlagLevel.Alert, "not-closing", "holding 5 min") { Time = S(360) },
                    new FlagCleared("P1", "not-closing", "closing") { Time = S(700) },
                    new FlagCleared("P2", "not-closing", "closing") { Time = S(700) },
                ]).OrderBy(e => e.Time),
        ]);

        var (p1, p2) = (report.Units.Single(u => u.UnitId == "P1"), report.Units.Single(u => u.UnitId == "P2"));
        Assert.Equal((TimeSpan.FromSeconds(650), TimeSpan.FromSeconds(650), 1), (p1.LongestFlaggedHold, p1.TotalFlaggedHold, p1.FlagsRaised));
        Assert.Equal((p2.LongestFlaggedHold, p2.TotalFlaggedHold, p2.FlagsRaised), (p1.LongestFlaggedHold, p1.TotalFlaggedHold, p1.FlagsRaised));
        Assert.Equal(new FlagSpan("P1", FlagLevel.Alert, "holding", S(50), S(700), S(55), Acknowledged: S(60), AcknowledgedBy: "cmd", AcknowledgedReason: "hazard reported", Acknowledgements: 1),
            report.Flags.Single(f => f.Subject == "P1"));
        Assert.Equal((2, 1), (report.Incident.FlagsRaised, report.Incident.FlagsAcknowledged));
    }

    [Fact]
    public void A_flag_acknowledged_twice_is_one_flag_acknowledged_by_its_first_acknowledger_and_counted_twice()
    {
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            Fix("P1", 20, 140, 0),
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
            new FlagAcknowledged("P1", "cmd", "covering the west door") { Time = S(60) },
            new FlagAcknowledged("P1", "cmd2", "covering the west door, renewed") { Time = S(61) });

        Assert.Equal((1, 1), (report.Incident.FlagsRaised, report.Incident.FlagsAcknowledged));
        Assert.Equal(2, report.Units.Single(u => u.UnitId == "P1").Acknowledgements);
        var flag = report.Flags.Single();
        Assert.Equal((S(60), "cmd", "covering the west door", 2), (flag.Acknowledged, flag.AcknowledgedBy, flag.AcknowledgedReason, flag.Acknowledgements));
    }

    [Fact]
    public void The_first_unit_inside_and_at_the_threat_is_the_one_that_got_there_first_not_the_one_told_first()
    {
        // A phone reporting every 10-20 s is in (and at the threat) as of its fix at 20 s, told by its fix at 40 s; a radio
        // reporting every second is in as of its fix at 22 s, told at 23 s.
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("A1", "Alpha 1", UnitRole.Contact, "cmd") { Time = S(0) },
            new UnitEnrolled("C3", "Charlie 3", UnitRole.Contact, "cmd") { Time = S(0) },
            Fix("A1", 10, 100, 0),
            Fix("A1", 20, 3, 0),
            Fix("C3", 21, 100, 0),
            Fix("C3", 22, 3, 0),
            Fix("C3", 23, 2, 0),
            Fix("A1", 40, 2, 0));

        Assert.Equal((S(20), S(22)), (report.Units.Single(u => u.UnitId == "A1").FirstEntry!.Value, report.Units.Single(u => u.UnitId == "C3").FirstEntry!.Value));
        Assert.Equal((new UnitMoment("A1", S(20)), new UnitMoment("A1", S(20))), (report.Incident.FirstEntry, report.Incident.FirstContact));
    }

    [Fact]
    public void A_radio_enrolled_with_its_id_beside_a_taken_callsign_is_named_apart_without_its_id_twice()
    {
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            new UnitEnrolled("ANDROID-7f3a", "Adam 1 (ANDROID-7f3a)", UnitRole.Unassigned, "auto-enrol (CoT)") { Time = S(1) });

        Assert.Equal(("Adam 1 (P1)", "Adam 1 (ANDROID-7f3a)"), (report.Named("P1"), report.Named("ANDROID-7f3a")));
    }

    [Fact]
    public async Task A_units_sign_off_is_in_its_log_and_the_incidents()
    {
        var report = await AfterActionFold.BuildAsync(SessionWith(new UnitSignedOff("P1", "cot:6c2d0f1e@10.20.0.2") { Time = S(80) }).ToAsyncEnumerable(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new ActivityEntry(S(80), "P1", "signed-off", "Its device signed off (cot:6c2d0f1e@10.20.0.2): no position from it until it reported again"),
                new ActivityEntry(S(80), null, "signed-off", "Adam 1 (P1): its device signed off (cot:6c2d0f1e@10.20.0.2): no position from it until it reported again"),
            ],
            report.Activity.Where(a => a.Kind == "signed-off"));
    }

    [Fact]
    public async Task A_units_device_renamed_is_in_its_log_and_the_incidents_under_its_enrolled_callsign()
    {
        var report = await AfterActionFold.BuildAsync(SessionWith(new UnitDeviceRenamed("P1", "Adam 1 (MEDIC)", "Adam 1") { Time = S(100) }).ToAsyncEnumerable(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new ActivityEntry(S(100), "P1", "device-renamed", "Its device now reports as “Adam 1 (MEDIC)” (was “Adam 1”)"),
                new ActivityEntry(S(100), null, "device-renamed", "Adam 1 (P1): its device now reports as “Adam 1 (MEDIC)” (was “Adam 1”)"),
            ],
            report.Activity.Where(a => a.Kind == "device-renamed"));
        Assert.Equal("Adam 1 (P1)", report.Named("P1"));
    }

    [Fact]
    public async Task A_threats_marker_deleted_on_a_device_is_on_the_timeline_and_in_the_incidents_log_with_the_phase_it_left()
    {
        var report = await AfterActionFold.BuildAsync(SessionWith(new ThreatMarkerDeleted("T1", "H-2", "cot:ANDROID-7f3a@10.20.0.9") { Time = S(75) }).ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        const string said = "Threat T1's marker H-2 deleted on a device (cot:ANDROID-7f3a@10.20.0.9); the threat stood as placed, active";
        Assert.Equal([new TimelineMark(S(75), "marker-deleted", "T1", said)], report.Timeline.Where(m => m.Kind == "marker-deleted"));
        Assert.Equal([new ActivityEntry(S(75), null, "marker-deleted", said)], report.Activity.Where(a => a.Kind == "marker-deleted"));
    }

    [Fact]
    public async Task A_threats_marker_marked_unknown_on_a_device_says_so_in_the_log()
    {
        var report = await AfterActionFold.BuildAsync(SessionWith(new ThreatMarkerDeleted("T1", "H-2", "cot:H-2@10.20.0.9", "unknown") { Time = S(75) }).ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Threat T1's marker H-2 marked unknown on a device (cot:H-2@10.20.0.9); the threat stood as placed, active",
            Assert.Single(report.Activity, a => a.Kind == "marker-deleted").Text);
    }

    [Fact]
    public async Task A_threat_placed_from_a_named_marker_is_logged_with_its_name_and_remarks()
    {
        IEnumerable<IncidentEvent> Placed()
        {
            yield return new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) };
            yield return new ThreatSet(new Threat("T1", At(0, 0), null, ThreatPhase.Active, Marker: "H-2", Name: "Shooter", Remarks: "male, black hoodie"),
                "cot:H-2@10.20.0.9, placed by ALPHA 7", "marker") { Time = S(5) };
        }

        var report = await AfterActionFold.BuildAsync(Placed().ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("Threat T1 (\"Shooter: male, black hoodie\") placed, active",
            Assert.Single(report.Activity, a => a.Kind == "threat-set").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_metrics_count_from_the_threat_going_active()
    {
        var report = await AfterActionFold.BuildAsync(Session().ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            new IncidentMetrics("inc-1", "Drill", "School", S(0), S(100), S(10),
                new UnitMoment("P1", S(20)), new UnitMoment("P1", S(27)), new UnitMoment("P1", S(38)), TimeSpan.FromSeconds(28),
                S(100), TimeSpan.FromSeconds(90), null, null, 2, 1, report.Incident.Rejected, 22,
                S(100), "contained, declared by cmd: subject barricaded", 0),
            report.Incident);
        Assert.Equal([new RejectionCount("implied-speed", 2), new RejectionCount("duplicate", 1)], report.Incident.Rejected);
    }

    [Fact]
    public void Unit_metrics_measure_arrival_entry_contact_and_flagged_holds()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session())
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal(
            new UnitMetrics("P1", "Adam 1", UnitRole.Contact, S(0), S(20), S(27), S(38), TimeSpan.FromSeconds(28),
                TimeSpan.FromSeconds(56), TimeSpan.FromSeconds(50), 2, 1, 10, ReportsTaken: 8, UsualIntervalS: 5, OutOfContact: TimeSpan.Zero),
            report.Units[0]);
        // Two of its reports were refused for implied speed; the duplicate between them is not counted.
        Assert.Equal(new UnitMetrics("P2", "Adam 2", UnitRole.Perimeter, S(0), null, null, null, null, TimeSpan.Zero, TimeSpan.Zero, 0, 0, null, ReportsRefused: 2), report.Units[1]);
    }

    [Fact]
    public void A_units_reports_are_counted_and_how_often_it_usually_reported_is_the_middle_of_its_intervals()
    {
        // A phone every 2 s, silent for five minutes in a stairwell, then every 2 s again; a GPS receiver five times a
        // second; a radio heard once; a unit enrolled that never reported.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        foreach (var unit in new[] { "P1", "G1", "R1", "M1" })
        {
            fold.Apply(new UnitEnrolled(unit, unit, UnitRole.Contact, "cmd") { Time = S(0) });
        }

        foreach (var second in Enumerable.Range(0, 10).Select(i => 2.0 * i).Concat([318, 320, 322]))
        {
            fold.Apply(Fix("P1", second, 200 - second, 0));
        }

        foreach (var tenth in Enumerable.Range(0, 50))
        {
            fold.Apply(Fix("G1", tenth / 5.0, 150, 0));
        }

        fold.Apply(Fix("R1", 30, 300, 0));

        var units = fold.Build().Units.ToDictionary(u => u.UnitId);

        Assert.Equal((13, 2.0), (units["P1"].ReportsTaken, units["P1"].UsualIntervalS));
        // The phone's five minutes in the stairwell are said beside its count: "every 2 s" alone hid them. The receiver and
        // the radio, not heard again to the end of the record (322 s), say when they were last heard.
        Assert.Equal(["13, every 2 s; unheard 5:00 from 15:00:18", "50, every 0.2 s; last heard 15:00:09; silent for the last 5:12", "1; last heard 15:00:30; silent for the last 4:52", ""],
            new[] { "P1", "G1", "R1", "M1" }.Select(u => AfterActionWords.Reports(units[u])));
    }

    [Fact]
    public void A_units_device_whose_clock_was_put_right_is_named_with_the_most_it_was_off()
    {
        // P1's phone is found 42 s slow after two fixes, then 45 s, then 52 s; G1's 3 h fast from its first; R1's keeps time.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        double?[] p1 = [null, null, 42, 45, 44.5, 52];
        for (var i = 0; i < p1.Length; i++)
        {
            var fix = Fix("P1", 5 * i, 200, 0);
            fold.Apply(fix with { Report = fix.Report with { ClockCorrectionS = p1[i] } });
        }

        var g1 = Fix("G1", 10, 150, 0);
        fold.Apply(g1 with { Report = g1.Report with { ClockCorrectionS = -10_800 } });
        fold.Apply(Fix("R1", 10, 300, 0));

        var report = fold.Build();
        var units = report.Units.ToDictionary(u => u.UnitId);

        Assert.Equal([52, -10_800, null], new[] { "P1", "G1", "R1" }.Select(u => units[u].ClockCorrectionS));
        Assert.Equal(["6, every 5 s; device clock 52 s slow", "1; device clock 3 h fast", "1"], new[] { "P1", "G1", "R1" }.Select(u => AfterActionWords.Reports(units[u])));
        // Its log says when it was found off, and again only when it is off by 5 s more or less than it said.
        Assert.Equal(
            [
                (S(10), "P1", "Device clock found 42 s slow: its fix times put right by that from here"),
                (S(10), "G1", "Device clock found 3 h fast: its fix times put right by that from here"),
                (S(25), "P1", "Device clock found 52 s slow: its fix times put right by that from here"),
            ],
            report.Activity.Where(a => a.Kind == "device-clock").Select(a => (a.Time, a.UnitId, a.Text)));
        Assert.Equal(["89 s slow", "2 min fast", "90 min slow", "2 h fast"], new[] { 89.4, -91, 5399, -5400 }.Select(AfterActionWords.Clock));
    }

    [Fact]
    public void A_units_log_says_when_its_devices_clock_found_off_was_set_right()
    {
        // P1's phone is found 5 min fast on its first two fixes, then set right: its fixes are taken as they come from 10 s.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        double?[] p1 = [-299.6, -299.6, null, null];
        for (var i = 0; i < p1.Length; i++)
        {
            var fix = Fix("P1", 5 * i, 200, 0);
            fold.Apply(fix with { Report = fix.Report with { ClockCorrectionS = p1[i] } });
        }

        var report = fold.Build();

        Assert.Equal(
            [
                (S(0), "Device clock found 5 min fast: its fix times put right by that from here"),
                (S(10), "Device clock set right, 5 min fast before: its fix times taken as it stamps them from here"),
            ],
            report.Activity.Where(a => a.Kind == "device-clock").Select(a => (a.Time, a.Text)));
        Assert.Equal("4, every 5 s; device clock 5 min fast", AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "P1")));
    }

    [Fact]
    public void A_receiver_past_its_gps_week_rollover_is_named_in_its_units_row_and_once_in_its_log()
    {
        // N1's receiver dates every fix 1,024 weeks back, put right as it was read; R1's keeps time.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        for (var i = 0; i < 4; i++)
        {
            var fix = Fix("N1", 5 * i, 200, 0);
            fold.Apply(fix with { Report = fix.Report with { WeekRolloverEras = 1 } });
            fold.Apply(Fix("R1", 5 * i, 300, 0));
        }

        var report = fold.Build();
        var units = report.Units.ToDictionary(u => u.UnitId);

        Assert.Equal([1, null], new[] { "N1", "R1" }.Select(u => units[u].WeekRolloverEras));
        Assert.Equal(
            ["4, every 5 s; receiver dated its fixes 1,024 weeks back (past its GPS week rollover), put right", "4, every 5 s"],
            new[] { "N1", "R1" }.Select(u => AfterActionWords.Reports(units[u])));
        Assert.Equal(
            [(S(0), "N1", "Its receiver dated its fixes 1,024 weeks back (past its GPS week rollover): its fix times put right by that; its firmware wants updating")],
            report.Activity.Where(a => a.Kind == "device-clock").Select(a => (a.Time, a.UnitId, a.Text)));
        Assert.Equal("dated its fixes 2,048 weeks back (past its GPS week rollover)", AfterActionWords.Rollover(2));
    }

    [Fact]
    public void A_units_fixes_taken_before_its_devices_clock_was_put_right_are_timed_by_the_clock_put_right()
    {
        // O6's phone runs 4 min slow: its first two reports, 6 s apart from 10 s in, were taken as stamped (4 min before
        // the incident opened); its third was put right. R1 keeps time and is on site at 20 s. O6 was "first unit on
        // scene" 4 min before the incident opened, and its log said it had not been heard for 4 min.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        for (var second = 10; second <= 60; second += 6)
        {
            var putRight = second >= 22;
            var fix = Fix("O6", putRight ? second : second - 240, 0, -100 + second);
            fold.Apply(fix with { Report = fix.Report with { ClockCorrectionS = putRight ? 240 : null }, Time = S(second) });
            fold.Apply(Fix("R1", second + 10, 50, -50));
        }

        var report = fold.Build();

        Assert.Equal(new UnitMoment("O6", S(10)), report.Incident.FirstOnScene);
        Assert.Equal(S(10), report.Units.Single(u => u.UnitId == "O6").FirstOnSite);
        Assert.Equal([(S(10), "On site")], report.Activity.Where(a => a.UnitId == "O6" && a.Kind == "on-site").Select(a => (a.Time, a.Text)));
        Assert.DoesNotContain(report.Activity, a => a.Kind == "silent");
    }

    [Fact]
    public void A_device_that_goes_silent_is_said_in_its_units_log_when_it_comes_back_and_when_it_never_does()
    {
        // E5 reports every 5 s walking in, then nothing for 5 min at 31 m out, then again; S1 stops at 40 m out a minute
        // in and is never heard again; P1 reports throughout. The board showed both stale: their logs read as if they had
        // reported throughout.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        for (var second = 0; second <= 600; second += 5)
        {
            if (second <= 60 || second >= 360)
            {
                fold.Apply(Fix("E5", second, 0, second <= 60 ? -91 + second : -31));
            }

            if (second <= 60)
            {
                fold.Apply(Fix("S1", second, 0, -100 + second));
            }

            fold.Apply(Fix("P1", second, 200, 0));
        }

        var report = fold.Build();

        Assert.Equal(
            [
                (S(60), "E5", "Not heard for 5:00 after its report 31 m from the threat: no report of it was taken until 15:06:00 UTC"),
                (S(60), "S1", "Last heard 40 m from the threat: not heard again in the 9:00 to the end of the record"),
            ],
            report.Activity.Where(a => a.Kind == "silent").Select(a => (a.Time, a.UnitId, a.Text)));
        // S1's row says it too, by the same rule and in the same words: its reports alone read like a faultless unit's.
        var s1 = report.Units.Single(u => u.UnitId == "S1");
        Assert.Equal((S(60), 40, TimeSpan.FromMinutes(9)), (s1.Silent!.LastHeard, Math.Round(s1.Silent.FromThreatM!.Value), s1.Silent.Unheard));
        Assert.Equal(report.Activity.Single(a => a.UnitId == "S1" && a.Kind == "silent").Text, s1.Silent.Said);
        Assert.Equal("13, every 5 s; last heard 15:01:00, 40 m from the threat; silent for the last 9:00", AfterActionWords.Reports(s1));
        Assert.Equal([null, null], report.Units.Where(u => u.UnitId != "S1").Select(u => u.Silent));
    }

    [Fact]
    public void Fixes_a_phone_held_out_of_network_and_sent_together_are_said_late_in_its_log_and_row_and_a_units_on_time_are_not()
    {
        // T1's phone has no network from 65 s to 245 s: the fixes it takes every 5 s meanwhile reach the incident together
        // at 250 s, oldest first. C1 walks the same with network. By their fix times the two read alike; the board showed
        // T1 stale for three minutes, and flagged what its fixes showed only as they came.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        var held = new List<PositionAccepted>();
        for (var second = 0; second <= 400; second += 5)
        {
            fold.Apply(Fix("C1", second, 0, -150 + Math.Min(second, 140)));
            var fix = Fix("T1", second, 10, -150 + Math.Min(second, 140));
            if (second is > 60 and < 250)
            {
                held.Add(fix with { Time = S(250) });
                continue;
            }

            if (second == 250)
            {
                held.ForEach(fold.Apply);
            }

            fold.Apply(fix);
        }

        var report = fold.Build();

        Assert.Equal(
            [(S(65), "T1", "Its fixes of 15:01:05–15:04:05 (37) reached the incident only at 15:04:10 UTC, 3:05 late: its device held them (out of network, or its link down); the board showed it stale until then, and flagged what they show only as they came")],
            report.Activity.Where(a => a.Kind == "delivered-late").Select(a => (a.Time, a.UnitId, a.Text)));
        Assert.Equal("81, every 5 s; fixes of 15:01:05–15:04:05 (37) came 3:05 late, at 15:04:10", AfterActionWords.Reports(report.Units.Single(u => u.UnitId == "T1")));
        Assert.Null(report.Units.Single(u => u.UnitId == "C1").DeliveredLate);
    }

    [Fact]
    public void A_unit_released_from_the_incident_is_said_so_in_its_log_the_incidents_its_row_and_the_timeline_not_as_a_radio_lost()
    {
        // F1's radio was caught by this drill; a minute in its commander let it go, and it was heard here no more. Its
        // silence after is no radio lost: its record here ends with its release.
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, false, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("F1", "Fox 1", UnitRole.Unassigned, "auto-enrol (cot)") { Time = S(0) });
        for (var second = 0; second <= 600; second += 5)
        {
            if (second <= 60)
            {
                fold.Apply(Fix("F1", second, 0, -300));
            }

            fold.Apply(Fix("P1", second, 200, 0));
            if (second == 65)
            {
                fold.Apply(new UnitReleased("F1", "enrolled in the wrong incident", "cmdr-a") { Time = S(65) });
            }
        }

        var report = fold.Build();

        const string said = "Fox 1 (F1) released from the incident: enrolled in the wrong incident (cmdr-a)";
        Assert.Equal([new TimelineMark(S(65), "unit-released", "F1", said)], report.Timeline.Where(m => m.Kind == "unit-released"));
        Assert.Equal(
            [
                new ActivityEntry(S(65), "F1", "released", "Released from the incident: enrolled in the wrong incident (cmdr-a)"),
                new ActivityEntry(S(65), null, "released", said),
            ],
            report.Activity.Where(a => a.Kind == "released"));
        Assert.DoesNotContain(report.Activity, a => a is { UnitId: "F1", Kind: "silent" });
        var f1 = report.Units.Single(u => u.UnitId == "F1");
        Assert.Null(f1.Silent);
        Assert.Equal("13, every 5 s; released from the incident 15:01:05 (enrolled in the wrong incident, cmdr-a)", AfterActionWords.Reports(f1));
    }

    [Fact]
    public void Distance_is_sampled_at_most_once_per_interval_and_flag_spans_keep_their_highest_level()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session())
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal(
            [
                new DistanceSample("P1", S(5), 500), new DistanceSample("P1", S(20), 140), new DistanceSample("P1", S(27), 29), new DistanceSample("P1", S(30), 25),
                new DistanceSample("P1", S(38), 12), new DistanceSample("P1", S(40), 10), new DistanceSample("P1", S(45), 10),
            ],
            report.Distances);
        Assert.Equal(
            [new FlagSpan("P1", FlagLevel.Watch, "holding 140 m out", S(22), S(28)), new FlagSpan("P1", FlagLevel.Alert, "holding", S(50), null, Escalated: S(55), Acknowledged: S(60), AcknowledgedBy: "cmd", AcknowledgedReason: "treating casualty", Acknowledgements: 1)],
            report.Flags);
        Assert.Equal(["threat-phase", "threat-phase", "flag-raised", "flag-cleared", "flag-raised", "flag-escalated", "flag-acknowledged", "threat-phase"],
            report.Timeline.Select(m => m.Kind));
        Assert.Equal(new TimelineMark(S(60), "flag-acknowledged", "P1", "cmd: treating casualty"), report.Timeline[6]);
    }

    [Fact]
    public void Phases_set_by_placing_the_threat_are_drawn_and_logged_with_their_reasons_as_phase_changes_are()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(3).Concat([
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "drill") { Time = S(15) },
            new ThreatSet(new Threat("T1", At(5, 0), 5, ThreatPhase.Active), "drill") { Time = S(20) },
            new ThreatSet(new Threat("T1", At(5, 0), 5, ThreatPhase.Contained), "drill", "subject barricaded in room 114") { Time = S(410) },
            new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "cmd", "subject in custody") { Time = S(450) },
        ]))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal(
            [
                new TimelineMark(S(0), "threat-phase", "T1", "T1 reported (cmd)"),
                new TimelineMark(S(15), "threat-phase", "T1", "T1 active (drill)"),
                new TimelineMark(S(410), "threat-phase", "T1", "T1 contained: subject barricaded in room 114 (drill)"),
                new TimelineMark(S(450), "threat-phase", "T1", "T1 neutralized: subject in custody (cmd)"),
            ],
            report.Timeline.Where(m => m.Kind == "threat-phase"));
        Assert.Equal(
            [
                // Set again where it was in another phase, the threat changed phase; set somewhere else, it moved.
                "Threat T1 placed, reported (cmd)", "Threat T1 active (drill)", "Threat T1 moved 5 m east, active (drill)",
                "Threat T1 contained: subject barricaded in room 114 (drill)", "Threat T1 neutralized: subject in custody (cmd)",
            ],
            report.Activity.Where(a => a.Kind.StartsWith("threat", StringComparison.Ordinal)).Select(a => a.Text));
        Assert.Equal(new TimelineMark(S(20), "threat-moved", "T1", "Threat T1 moved 5 m east, active (drill)"), Assert.Single(report.Timeline, m => m.Kind == "threat-moved"));
    }

    [Fact]
    public void A_containment_taken_back_is_not_the_containment_and_holds_after_the_threat_is_in_custody_are_not_held_while_suppressed()
    {
        // The commander declared the threat contained on a caller's word and took it back 6 s later; the subject was
        // barricaded at 300 s and in custody at 400 s. The report once said contained at 100 s and suppressed since then.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat([
            new ThreatPhaseChanged("T1", ThreatPhase.Contained, "cmd", "caller says barricaded") { Time = S(100) },
            new ThreatPhaseChanged("T1", ThreatPhase.Active, "cmd", "shots heard again") { Time = S(106) },
            new ThreatPhaseChanged("T1", ThreatPhase.Contained, "cmd", "barricaded in room 114") { Time = S(300) },
            new SuppressedHoldNoted("P1", "holding 140 m out") { Time = S(320) },
            new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "cmd", "in custody") { Time = S(400) },
            new SuppressedHoldNoted("P1", "holding 140 m out") { Time = S(420) },
            Fix("P1", 600, 140, 0),
        ]))
        {
            fold.Apply(e);
        }

        var i = fold.Build().Incident;

        Assert.Equal((S(300), S(400)), (i.ContainedAt, i.NeutralizedAt));
        Assert.Equal((S(300), "contained, declared by cmd: barricaded in room 114"), (i.FlagsSuppressedAt, i.Suppression));
        // Held 320-400 s while the threat was contained; after it was in custody, holding back is what units should do.
        Assert.Equal(TimeSpan.FromSeconds(80), fold.Build().Units.Single(u => u.UnitId == "P1").HeldWhileSuppressed);
        Assert.Equal(1, i.UnitsHeldWhileSuppressed);
    }

    [Fact]
    public void A_drill_that_started_over_is_logged_and_marked_once_with_its_round_and_its_flags_clear_with_it()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(9).Concat([
            new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2) { Time = S(60) },
            new FlagCleared("P1", "not-closing", "the drill started over (round 2)") { Time = S(60) },
        ]))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal([new TimelineMark(S(60), "drill-started-over", "demo", "the drill started over (round 2)")], report.Timeline.Where(m => m.Kind == "drill-started-over"));
        Assert.Equal(["Drill demo started over, round 2 begins: every unit is judged afresh (drill)"], report.Activity.Where(a => a.Kind == "drill" && a.UnitId is null).Select(a => a.Text));
        Assert.Equal([(S(22), (DateTimeOffset?)S(60))], report.Flags.Select(f => (f.Raised, f.Cleared)));
    }

    [Fact]
    public void A_unit_put_back_in_its_role_as_the_drill_starts_over_and_not_heard_in_the_new_round_has_no_row_for_it()
    {
        // P1 was made perimeter in round 1; the drill puts it back to contact 5 ms after it starts over, and the recording
        // ends before P1 reports again (the drill stopped, or P1 plays the first round alone).
        var fold = new AfterActionFold();
        foreach (var e in Session().Concat([
            new UnitRoleChanged("P1", UnitRole.Perimeter, "cmd") { Time = S(120) },
            new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2) { Time = S(300) },
            new UnitRoleChanged("P1", UnitRole.Contact, "drill") { Time = S(300.005) },
            new DrillControlled("stop", "demo", "ctl") { Time = S(310) },
        ]))
        {
            fold.Apply(e);
        }

        var report = fold.Build();

        Assert.Equal([("P1", 1), ("P2", 1)], report.Units.Select(u => (u.UnitId, u.Round)));
        Assert.Equal(UnitRole.Perimeter, report.Units[0].Role);
        Assert.Equal([1, 1], report.Roles!.Value.Where(r => r.UnitId == "P1").Select(r => r.Round));
        // Its log still says it was put back.
        Assert.Contains(report.Activity, a => a.UnitId == "P1" && a.Kind == "role-changed" && a.Text == "Reassigned to contact (drill)");
    }

    [Fact]
    public void A_unit_reassigned_in_a_round_it_then_reports_in_has_that_rounds_row_with_the_role()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session().Concat([
            new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2) { Time = S(300) },
            new UnitRoleChanged("P1", UnitRole.Perimeter, "drill") { Time = S(300.005) },
            Fix("P1", 310, 100, 0),
        ]))
        {
            fold.Apply(e);
        }

        var report = fold.Build();

        Assert.Equal([("P1", 1), ("P2", 1), ("P1", 2)], report.Units.Select(u => (u.UnitId, u.Round)));
        Assert.Equal(UnitRole.Perimeter, report.Units[2].Role);
    }

    [Fact]
    public void A_unit_the_script_sends_in_late_in_each_round_is_not_said_unheard_from_one_round_to_the_next()
    {
        // Round 1 ends at 300 s with P1's last fix at 290 s; round 2 begins at 300 s and sends P1 in at 420 s.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5)
            .Concat(Enumerable.Range(0, 30).Select(i => (IncidentEvent)Fix("P1", 10 * i, 0, -300 + (5 * i))))
            .Append(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2) { Time = S(300) })
            .Concat(Enumerable.Range(0, 10).Select(i => (IncidentEvent)Fix("P1", 420 + (10 * i), 0, -300 + (5 * i)))))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.DoesNotContain(report.Activity, a => a.UnitId == "P1" && a.Kind == "silent");
        Assert.All(report.Units.Where(u => u.UnitId == "P1"), u => Assert.Null(u.LongestGap));
        Assert.Equal([10.0, 10.0], report.Units.Where(u => u.UnitId == "P1").Select(u => u.UsualIntervalS ?? 0));
    }

    [Fact]
    public void A_drill_played_at_4x_then_started_again_at_8x_is_said_played_at_those_not_at_the_1x_between_its_rounds()
    {
        // Round 1 at 4x ends at 100 s (the clock back to the incident's own); the controller starts it again at 8x at 102 s.
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new DrillControlled("start", "demo", "ctl", Speed: 4) { Time = S(0) },
            new DrillControlled("completed", "demo", "drill", Speed: 1) { Time = S(100) },
            new DrillControlled(DrillControlled.StartOver, "demo", "ctl", Round: 2) { Time = S(102) },
            new DrillControlled("start", "demo", "ctl", Speed: 8) { Time = S(102) },
            new DrillControlled("stop", "demo", "ctl", Speed: 1) { Time = S(200) });

        Assert.Equal("played at 4× and 8×: durations are the drill's time, times of day the incident's", report.Incident.DrillClock);
    }

    [Fact]
    public void Durations_are_measured_on_the_drills_clock_so_a_pause_is_no_ones_hold_and_a_fast_drill_keeps_its_scripts_times()
    {
        // The drill plays at 4x from 0; the threat goes active at 10 s here (40 s of drill), P1 reaches contact at
        // 39 s (156 s of drill). A hold flagged at 50 s is paused from 60 s to 660 s and cleared at 670 s.
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new DrillControlled("start", "demo", "drill", Speed: 4) { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(10) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            Fix("P1", 38, 12, 0),
            Fix("P1", 39, 11, 0),
            Fix("P1", 40, 10, 0),
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
            new DrillControlled("pause", "demo", "Lt. Ortiz", Speed: 0) { Time = S(60) },
            new DrillControlled("resume", "demo", "Lt. Ortiz", Speed: 4) { Time = S(660) },
            new FlagCleared("P1", "not-closing", "closing") { Time = S(670) },
            new ThreatPhaseChanged("T1", ThreatPhase.Contained, "cmd", "subject barricaded") { Time = S(680) });

        var p1 = report.Units.Single(u => u.UnitId == "P1");
        Assert.Equal(TimeSpan.FromSeconds(116), p1.TimeToContact);
        Assert.Equal(TimeSpan.FromSeconds(80), p1.LongestFlaggedHold);
        Assert.Equal(TimeSpan.FromSeconds(80), report.Elapsed(S(50), S(670)));
        Assert.Equal(TimeSpan.FromSeconds(116), report.Incident.TimeToContact);
        Assert.Equal(TimeSpan.FromSeconds(280), report.Incident.TimeToContained);
        Assert.Equal("played at 4×; paused 10:00 in all: durations are the drill's time, times of day the incident's", report.Incident.DrillClock);
        // Its reports a second apart here are four of the drill's apart, as its script has them; not heard after 40 s,
        // it was silent for the rest of the record by the incident's clock, as its log says.
        Assert.Equal("3, every 4 s; last heard 15:00:40, 10 m from the threat; silent for the last 10:40", AfterActionWords.Reports(p1));
        // Times of day stay the incident's.
        Assert.Equal(S(39), p1.ReachedContact);
    }

    [Fact]
    public void The_minutes_no_host_played_a_drill_are_no_ones_hold_and_are_said_apart_from_its_pauses()
    {
        // At 1x: a 30 s pause by the controller; a host stopping hands the drill over at 100 s and the next carries it
        // on at 160 s; a host going down at 200 s (last save at 195 s) leaves no word until the next carries it on at
        // 500 s. P1's flag stands from 50 s to 520 s of the incident's clock, of which the drill's stood still 30 s
        // paused, 60 s handed over and 305 s unplayed: 75 s on the drill's clock.
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new DrillControlled("start", "demo", "drill", Speed: 1) { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            Fix("P1", 40, 60, 0),
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
            new DrillControlled("pause", "demo", "Lt. Ortiz", Speed: 0) { Time = S(60) },
            new DrillControlled("resume", "demo", "Lt. Ortiz", Speed: 1) { Time = S(90) },
            new DrillControlled(DrillControlled.HandOver, "demo", "drill (its host is stopping)", Speed: 0) { Time = S(100) },
            new DrillControlled(DrillControlled.CarryOn, "demo", "drill (carried on after its host stopped)", Speed: 1) { Time = S(160) },
            new DrillControlled(DrillControlled.CarryOn, "demo", "drill (carried on after its host went down)", Speed: 1, StoodSince: S(195)) { Time = S(500) },
            new FlagCleared("P1", "not-closing", "closing") { Time = S(520) });

        var p1 = report.Units.Single(u => u.UnitId == "P1");
        Assert.Equal(TimeSpan.FromSeconds(75), p1.LongestFlaggedHold);
        Assert.Equal("played at 1×; paused 0:30 in all; not played for 6:05 while no host could play it: durations are the drill's time, times of day the incident's", report.Incident.DrillClock);
    }

    [Fact]
    public void A_drill_whose_host_went_down_while_the_incident_heard_on_is_measured_not_played_from_its_last_save_as_its_carry_on_says()
    {
        // At 1x: the drill's host saved its clock at 195 s and went down at 200 s; a radio kept reporting, so the
        // incident's latest event before the carry-on at 206.5 s was at 205 s, and its judging clock could stand still only
        // from there. The carry-on says the drill was not played from 195 s: 11.5 s. P1's flag stands from 50 s to 250 s
        // of the incident's clock: 188.5 s on the drill's.
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) },
            new DrillControlled("start", "demo", "drill", Speed: 1) { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            new UnitEnrolled("R9", "Radio 9", UnitRole.Perimeter, "cmd") { Time = S(0) },
            Fix("P1", 40, 60, 0),
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = S(50) },
            Fix("R9", 205, 200, 0),
            new DrillControlled(DrillControlled.CarryOn, "demo", "drill (carried on at 3:15 of loop 1 after its host stopped; not played for 0:11, which counts toward no hold)", Speed: 1, StoodSince: S(205), UnplayedSince: S(195)) { Time = S(206.5) },
            Fix("P1", 250, 40, 0),
            new FlagCleared("P1", "not-closing", "closing") { Time = S(250) });

        var p1 = report.Units.Single(u => u.UnitId == "P1");
        Assert.Equal(TimeSpan.FromSeconds(188.5), p1.LongestFlaggedHold);
        Assert.Equal(TimeSpan.FromSeconds(188.5), report.Elapsed(S(50), S(250)));
        Assert.Equal("played at 1×; not played for 0:11 while no host could play it: durations are the drill's time, times of day the incident's", report.Incident.DrillClock);
    }

    [Fact]
    public void An_officer_holding_outside_the_threats_building_whose_stray_fixes_fall_inside_has_not_gone_in_nor_reached_contact()
    {
        // Four minutes 8 m outside the west wall of B1, 38 m from the threat, every 2 s; every tenth fix is thrown 30 m
        // east, inside the building and within 15 m of the threat, as multipath throws one. He also stood a while in
        // B2, the next building, which is not where the threat is.
        var site = School with { Buildings = [.. School.Buildings, new Building("B2", "Gym", [At(-80, -20), At(-50, -20), At(-50, 20), At(-80, 20)])] };
        var events = new List<IncidentEvent>
        {
            new IncidentOpened("inc-1", "Drill", site, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("S1", "SRO Baker", UnitRole.Contact, "cmd") { Time = S(0) },
        };
        for (var t = 2; t <= 60; t += 2)
        {
            events.Add(Fix("S1", t, -65, 0));
        }

        for (var t = 62; t <= 300; t += 2)
        {
            events.Add(t % 20 == 0 ? Fix("S1", t, -8, 0) : Fix("S1", t, -38, 0));
        }

        var report = Fold([.. events]);

        var sro = report.Units.Single();
        Assert.Equal((null, null, 38.0), (sro.FirstEntry, sro.ReachedContact, sro.ClosestApproachM));
        Assert.Equal((null, null), (report.Incident.FirstEntry, report.Incident.FirstContact));
        Assert.DoesNotContain(report.Activity, a => a.Kind is "entry" or "contact");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_unit_below_the_threat_on_another_floor_has_not_reached_contact(bool byAltitude)
    {
        // Under the threat, on the ground floor of B1 while it is on the second, then up the stairs to it: floors the
        // sources state, or worked out from altitude as the live board does (B1's ground 210 m above mean sea level,
        // 3.5 m a floor; the threat's marker and P1's barometer). Before, the report counted stated floors alone: by
        // altitude, P1 was "in contact" on the floor below, where the board never showed it arrived.
        var site = byAltitude
            ? School with { Buildings = [School.Buildings[0] with { GroundElevationM = 210, ElevationDatum = AltitudeDatum.MeanSeaLevel }] }
            : School;
        var threat = byAltitude
            ? new Threat("T1", At(0, 0), 5, ThreatPhase.Active, AltitudeM: 217.2, AltitudeDatum: AltitudeDatum.MeanSeaLevel, VerticalAccuracyM: 1)
            : new Threat("T1", At(0, 0), 5, ThreatPhase.Active, Floor: 2);
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", site, true, "cmd") { Time = S(0) },
            new ThreatSet(threat, "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            OnFloor(2, 3, 0), OnFloor(4, 2, 0), OnFloor(6, 3, 0), OnFloor(8, 2, 0),
            OnFloor(20, 3, 2), OnFloor(22, 2, 2), OnFloor(24, 3, 2));

        var p1 = report.Units.Single();
        // In at 4 s (the middle of its first three fixes); in contact at 20 s, its first fix on the threat's floor, as
        // the fix after shows.
        Assert.Equal((S(4), S(20)), (p1.FirstEntry, p1.ReachedContact));

        // A barometer reads a few decimetres off the floor's level.
        PositionAccepted OnFloor(double seconds, double east, int floor) =>
            new(byAltitude
                ? new PositionReport("P1", ReportSource.Json, S(seconds), At(east, 0), AltitudeM: 210 + (3.5 * floor) + (0.1 * (seconds % 4)),
                    AltitudeDatum: AltitudeDatum.MeanSeaLevel, VerticalAccuracyM: 1)
                : new PositionReport("P1", ReportSource.Json, S(seconds), At(east, 0), Floor: floor)) { Time = S(seconds) };
    }

    [Fact]
    public void Where_the_threat_is_in_no_building_going_into_the_hot_zone_is_entry()
    {
        // The threat in the open, 60 m north of B1; the hot zone around it.
        var site = School with { Zones = [new Zone("Z-HOT", "Hot", ZoneKind.Hot, [At(-20, 40), At(20, 40), At(20, 80), At(-20, 80)])] };
        var report = Fold(
            new IncidentOpened("inc-1", "Drill", site, true, "cmd") { Time = S(0) },
            new ThreatSet(new Threat("T1", At(0, 60), 5, ThreatPhase.Active), "cmd") { Time = S(0) },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = S(0) },
            Fix("P1", 2, 0, 0),
            Fix("P1", 4, 0, 10),
            Fix("P1", 6, 0, 20),
            Fix("P1", 8, 0, 42),
            Fix("P1", 10, 0, 46),
            Fix("P1", 12, 0, 50));

        var p1 = report.Units.Single();
        Assert.Equal((S(8), S(10)), (p1.FirstEntry, p1.ReachedContact));
        Assert.Contains(report.Activity, a => a is { Kind: "entry", Text: "Entered the building or hot zone" });
    }

    [Fact]
    public void A_session_no_drill_set_the_clock_of_measures_on_the_incidents()
    {
        var report = Fold([.. Session()]);

        Assert.Null(report.Incident.DrillClock);
        Assert.Null(report.DrillClockSpans);
        Assert.Equal(TimeSpan.FromSeconds(5), report.Elapsed(S(10), S(15)));
    }

    private static AfterActionReport Fold(params IncidentEvent[] events)
    {
        var fold = new AfterActionFold();
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        return fold.Build();
    }

    [Fact]
    public void The_log_says_what_each_drill_control_did_to_the_clock_units_were_judged_on()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(3).Concat([
            new DrillControlled("start", "demo", "Lt. Ortiz", Speed: 4) { Time = S(10) },
            new DrillControlled("pause", "demo", "Lt. Ortiz", Speed: 0) { Time = S(40) },
            new DrillControlled("resume", "demo", "Lt. Ortiz", Speed: 4) { Time = S(100) },
            new DrillControlled("stop", "demo", "Lt. Ortiz", Speed: 1) { Time = S(120) },
        ]))
        {
            fold.Apply(e);
        }

        Assert.Equal(
            [
                "Drill start: demo at 4×: units judged on the drill's clock, 4 s of drill to each second here (Lt. Ortiz)",
                "Drill pause: demo, its clock stopped: no hold grew while it was paused (Lt. Ortiz)",
                "Drill resume: demo at 4×: units judged on the drill's clock, 4 s of drill to each second here (Lt. Ortiz)",
                "Drill stop: demo (Lt. Ortiz)",
            ],
            fold.Build().Activity.Where(a => a.Kind == "drill").Select(a => a.Text));
    }

    [Fact]
    public void A_units_refused_reports_are_counted_and_each_run_of_them_logged_once_in_its_log()
    {
        // P1's phone runs fast for a while, then reports well; P2's never reports well. A repeat is not counted, nor a
        // marker P1's ATAK deleted under its uid: no position at all.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat([
            Refused("P1", RejectReason.FutureFix, "fix time is 300 s ahead of the receiving clock (limit 5 s)", 6),
            Refused("P1", RejectReason.Duplicate, "the same fix again", 7),
            Refused("P1", RejectReason.NotAPosition, "event type t-x-d-d is not a ground unit or a hostile marker", 7),
            Refused("P1", RejectReason.FutureFix, "fix time is 301 s ahead of the receiving clock (limit 5 s)", 8),
            Fix("P1", 12, 400, 0),
            Refused("P2", RejectReason.ImpliedSpeed, "implies 80 m/s", 15),
        ]))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal([("P1", 2), ("P2", 1)], report.Units.Select(u => (u.UnitId, u.ReportsRefused)));
        Assert.Equal(
            [
                (S(6), "P1", "2 reports refused until one was accepted at 15:00:12 UTC; the last for future-fix: fix time is 301 s ahead of the receiving clock (limit 5 s)"),
                (S(15), "P2", "1 report refused and none accepted after; the last for implied-speed: implies 80 m/s"),
            ],
            report.Activity.Where(a => a.Kind == "refused").Select(a => (a.Time, a.UnitId, a.Text)));
    }

    [Fact]
    public void A_refusal_run_ends_when_the_fix_after_it_was_taken_not_at_that_fixs_own_time()
    {
        // A phone offline for 7 minutes sends its buffer at 420 s: the oldest are refused as too old, the next taken at
        // once though their own time is 300 s. The log said the refusals ended at 15:05:00, before they began at 15:07:00.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat([
            Refused("P1", RejectReason.TooOld, "fix is 420 s old (limit 300 s)", 420),
            Refused("P1", RejectReason.TooOld, "fix is 305 s old (limit 300 s)", 420),
            Fix("P1", 300, 400, 0) with { Time = S(420) },
        ]))
        {
            fold.Apply(e);
        }

        Assert.Equal(
            [(S(420), "P1", "2 reports refused until one was accepted at 15:07:00 UTC; the last for too-old: fix is 305 s old (limit 300 s)")],
            fold.Build().Activity.Where(a => a.Kind == "refused").Select(a => (a.Time, a.UnitId, a.Text)));
    }

    [Fact]
    public void A_refusal_run_ended_by_the_backlog_it_was_part_of_says_those_fixes_were_taken()
    {
        // The same phone, on a host that knows a backlog: the two refused are taken at 420 s, before the fix after them.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat([
            Refused("P1", RejectReason.TooOld, "fix is 420 s old (limit 300 s)", 420),
            Refused("P1", RejectReason.TooOld, "fix is 305 s old (limit 300 s)", 420),
            Fix("P1", 0, 400, 0) with { Time = S(420.5) },
            Fix("P1", 115, 400, 0) with { Time = S(420.5) },
            Fix("P1", 300, 400, 0) with { Time = S(420.5) },
        ]))
        {
            fold.Apply(e);
        }

        Assert.Equal(
            [(S(420), "P1", "2 reports refused until 15:07:00 UTC, when the fixes its device held from before them were taken, as its fixes after them showed them held, "
                + "not stamped wrong (see its late fixes); the last for too-old: fix is 305 s old (limit 300 s)")],
            fold.Build().Activity.Where(a => a.Kind == "refused").Select(a => (a.Time, a.UnitId, a.Text)));
    }

    [Fact]
    public void A_second_device_reporting_between_the_units_own_reports_is_one_line_of_its_log_not_one_a_report()
    {
        // A cloned install 220 m east reports every 4 s between the officer's own fixes, for a minute.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat(Enumerable.Range(0, 15).SelectMany(i => new IncidentEvent[]
        {
            Refused("P1", RejectReason.SecondDevice, "fix 220 m from the latest taken, 2 s after it: two devices may be reporting as this unit", 100 + (4 * i)),
            Fix("P1", 102 + (4 * i), 0, -100),
        })))
        {
            fold.Apply(e);
        }

        Assert.Equal(
            [(S(100), "15 reports refused 15:01:40–15:02:38 UTC as from a second device, between those taken from its own: two devices may be reporting as this unit; "
                + "the last: fix 220 m from the latest taken, 2 s after it: two devices may be reporting as this unit")],
            fold.Build().Activity.Where(a => a.UnitId == "P1" && a.Kind == "refused").Select(a => (a.Time, a.Text)));
    }

    [Fact]
    public void A_device_reporting_as_a_unit_never_enrolled_here_is_said_in_incident_commands_log()
    {
        // The medic's tracker, enrolled in another incident, reported here all drill and was refused every time.
        var fold = new AfterActionFold();
        foreach (var e in Session().Take(5).Concat(Enumerable.Range(0, 12).Select(i =>
            (IncidentEvent)Refused("M1", RejectReason.EnrolledElsewhere, "unit 'M1' is enrolled in incident 'demo'", 30 + (5 * i)))))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal(
            [(S(30), "12 reports of unit 'M1', which this incident never enrolled, refused 15:00:30–15:01:25 UTC: its device reported, and it was never on the board; "
                + "the last for enrolled-elsewhere: unit 'M1' is enrolled in incident 'demo'")],
            report.Activity.Where(a => a.UnitId is null && a.Kind == "refused-unenrolled").Select(a => (a.Time, a.Text)));
        Assert.DoesNotContain(report.Units, u => u.UnitId == "M1");
    }

    private static InputRejected Refused(string unit, RejectReason reason, string detail, double seconds) =>
        new(ReportSource.Json, reason, detail, unit, "{}") { Time = S(seconds) };

    [Fact]
    public void A_close_is_a_timeline_mark_and_a_line_of_the_incidents_log()
    {
        var fold = new AfterActionFold();
        foreach (var e in Session().Append(new IncidentClosed("exercise over", "cmd") { Time = S(120) }))
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        Assert.Equal([new TimelineMark(S(120), "incident-closed", "inc-1", "exercise over (cmd)")], report.Timeline.Where(m => m.Kind == "incident-closed"));
        Assert.Contains(report.Activity, a => a.Kind == "closed" && a.Text == "Incident closed: exercise over (cmd)");
    }
}
