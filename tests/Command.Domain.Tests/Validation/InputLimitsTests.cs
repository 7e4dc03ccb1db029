using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

public sealed class InputLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static PositionReport Report() => new("P1", ReportSource.Json, Now, new GeoPoint(39.74, -104.99), AccuracyM: 5);

    [Theory]
    [InlineData(1.7e308, "altitude")]
    [InlineData(-1.7e308, "altitude")]
    [InlineData(10_001, "altitude")]
    [InlineData(-1_001, "altitude")]
    [InlineData(double.PositiveInfinity, "altitude")]
    public void An_altitude_no_responder_can_be_at_is_refused_with_its_reason(double altitude, string named)
    {
        var rejection = InputLimits.Check(Report() with { AltitudeM = altitude });

        Assert.Equal(RejectReason.InvalidValue, rejection?.Reason);
        Assert.Contains(named, rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:tak:mesh/!a1b2c3d4")]
    [InlineData("S-1-5-21-2720623347-3037847324-4167270909-1002")]
    [InlineData("K1ABC-9")]
    [InlineData("../../evil \"x\" é")]
    public void A_unit_id_a_radio_may_give_is_one_a_person_may_name(string unitId)
    {
        Assert.Null(InputLimits.UnitId(unitId));
        Assert.Null(InputLimits.Check(Report() with { UnitId = unitId }));
    }

    [Theory]
    [InlineData(null, RejectReason.MissingField, "a unit id is required")]
    [InlineData("", RejectReason.MissingField, "a unit id is required")]
    [InlineData("Adam\u202E12", RejectReason.InvalidValue, "unit id holds an invisible formatting character (U+202E)")]
    [InlineData("P1\n", RejectReason.InvalidValue, "unit id holds control characters")]
    [InlineData("Incident-Command", RejectReason.InvalidValue, "unit id 'Incident-Command' is reserved: it names the incident command log in the paperwork; enrol the unit under another id")]
    public void A_unit_id_no_report_could_carry_is_refused_by_name(string? escaped, RejectReason reason, string detail)
    {
        var unitId = escaped is null ? null : System.Text.RegularExpressions.Regex.Unescape(escaped);

        Assert.Equal(new Rejection(reason, detail), InputLimits.UnitId(unitId));
        Assert.Equal(new Rejection(RejectReason.TooLong, "unit id is 65 characters (limit 64)"), InputLimits.UnitId(new string('u', 65)));
    }

    [Theory]
    [InlineData(86_400.0, "clock correction 86400 s is not under a day either way")]
    [InlineData(-90_000.0, "clock correction -90000 s is not under a day either way")]
    [InlineData(double.NaN, "clock correction NaN s is not under a day either way")]
    public void A_clock_correction_no_drifting_clock_needs_is_refused(double seconds, string detail)
    {
        Assert.Equal(new Rejection(RejectReason.InvalidValue, detail), InputLimits.Check(Report() with { ClockCorrectionS = seconds }));
        Assert.Null(InputLimits.Check(Report() with { ClockCorrectionS = -40.5 }));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(151.0)]
    [InlineData(double.NaN)]
    public void A_speed_outside_what_a_responder_reaches_is_refused(double speed)
    {
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(Report() with { SpeedMps = speed })?.Reason);
    }

    [Fact]
    public void A_value_out_of_range_is_named_rounded()
    {
        Assert.Equal("speed -2.6 m/s is not a ground speed of 0-150 m/s", InputLimits.Check(Report() with { SpeedMps = -5 * 1852.0 / 3600 })?.Detail);
        Assert.Equal("speed 150.04 m/s is not a ground speed of 0-150 m/s", InputLimits.Check(Report() with { SpeedMps = 150.04 })?.Detail);
        Assert.Equal("course 360.1 is not 0-360 degrees", InputLimits.Check(Report() with { CourseDeg = 360.1000000000001 })?.Detail);
        Assert.Equal("accuracy -0.3 is not a distance", InputLimits.Check(Report() with { AccuracyM = 0.1 - 0.4 })?.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_fix_said_to_go_stale_before_it_was_taken_is_refused(int seconds)
    {
        var rejection = InputLimits.Check(Report() with { StaleAt = Now.AddSeconds(seconds) });

        Assert.Equal(RejectReason.InvalidValue, rejection?.Reason);
        Assert.StartsWith("stale time 2026-03-14T1", rejection!.Detail, StringComparison.Ordinal);
        Assert.EndsWith("is not after the fix time 2026-03-14T15:00:00.0000000+00:00", rejection.Detail, StringComparison.Ordinal);
        Assert.Null(InputLimits.Check(Report() with { StaleAt = Now.AddSeconds(1) }));
    }

    [Fact]
    public void Texts_longer_than_their_limits_are_refused_as_too_long()
    {
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(Report() with { UnitId = new string('u', 65) })?.Reason);
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(Report() with { Callsign = new string('c', 65) })?.Reason);
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(new FlagAcknowledged("P1", "commander", new string('r', 501)))?.Reason);
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, new string('a', 121)))?.Reason);
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(Report() with { UnitId = "P1\u0000" })?.Reason);
    }

    [Theory]
    [InlineData("\u202eAdam 12", "U+202E")]
    [InlineData("Adam\u200b12", "U+200B")]
    [InlineData("Adam 1\u2066", "U+2066")]
    [InlineData("\u200fAdam", "U+200F")]
    [InlineData("Adam\u061c", "U+061C")]
    [InlineData("Ad\u200dam", "U+200D")]
    [InlineData("\ufeffAdam", "U+FEFF")]
    [InlineData("Adam\U000E0041", "U+E0041")]
    public void A_callsign_with_a_character_that_draws_nothing_is_refused_naming_it(string callsign, string codePoint)
    {
        var refused = new Rejection(RejectReason.InvalidValue, $"callsign holds an invisible formatting character ({codePoint})");

        Assert.Equal(refused, InputLimits.Check(Report() with { Callsign = callsign }));
        Assert.Equal(refused, InputLimits.Check(new UnitEnrolled("P1", callsign, UnitRole.Contact, "commander")));
    }

    [Theory]
    [InlineData("P1\u034f", "callsign holds U+034F, which draws nothing: a callsign with it reads as the same callsign without it")]
    [InlineData("Adam\ufe0f 12", "callsign holds U+FE0F, which draws nothing: a callsign with it reads as the same callsign without it")]
    [InlineData("P1\u0301", "a mark (an accent, a vowel sign) in a callsign is written on a letter, and U+0301 follows '1'")]
    [InlineData("\u0301P1", "a mark (an accent, a vowel sign) in a callsign is written on a letter, and U+0301 begins the callsign")]
    [InlineData("P-\u0308", "a mark (an accent, a vowel sign) in a callsign is written on a letter, and U+0308 follows '-'")]
    public void A_callsign_given_a_unit_holds_no_mark_on_nothing_nor_what_draws_nothing(string callsign, string detail) =>
        Assert.Equal(new Rejection(RejectReason.InvalidValue, detail), InputLimits.Callsign(callsign));

    [Theory]
    [InlineData("Pe\u03011")]
    [InlineData("P\u00e91")]
    [InlineData("\u0928\u0947\u0924\u093e 3")] // Devanagari, with its vowel signs
    [InlineData("Vi\u1ec7t 4")]
    public void A_callsign_with_its_marks_on_letters_is_taken(string callsign) =>
        Assert.Null(InputLimits.Callsign(callsign));

    [Fact]
    public void Ids_names_and_alerts_hold_no_invisible_characters_either()
    {
        var threat = new Threat("T1", new GeoPoint(39.74, -104.99), 10, ThreatPhase.Active);

        Assert.Equal("unit id holds an invisible formatting character (U+202E)", InputLimits.Check(Report() with { UnitId = "P\u202e1" })?.Detail);
        Assert.Equal("threat name holds an invisible formatting character (U+2067)", InputLimits.Check(threat with { Name = "\u2067Shooter" })?.Detail);
        Assert.Equal("alert holds an invisible formatting character (U+202B)", InputLimits.Check(new UnitAlarmed("P1", "\u202b911", false, null, "cot"))?.Detail);
        Assert.Equal("actor holds an invisible formatting character (U+2060)", InputLimits.Check(new UnitSignedOff("P1", "cot:P\u20601"))?.Detail);
        Assert.Equal("person name holds an invisible formatting character (U+202E)",
            InputLimits.Check(new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "commander", PersonName: "\u202eDana"))?.Detail);
    }

    [Theory]
    [InlineData("incident-command")]
    [InlineData("Incident-Command")]
    public void No_unit_takes_the_id_of_the_incident_command_log_but_one_recorded_under_it_is_read_back(string id)
    {
        var enrolled = new UnitEnrolled(id, "IC", UnitRole.Command, "commander");

        Assert.Equal($"unit id '{id}' is reserved: it names the incident command log in the paperwork; enrol the unit under another id",
            InputLimits.Check(enrolled)?.Detail);
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(Report() with { UnitId = id })?.Reason);
        Assert.Null(InputLimits.Check(enrolled, recorded: true));
        Assert.Null(InputLimits.Check(new PositionAccepted(Report() with { UnitId = id }), recorded: true));
        Assert.Null(InputLimits.Check(Report() with { UnitId = "incident-command-2" }));
    }

    [Fact]
    public void Free_text_is_refused_what_turns_it_round_but_keeps_the_joiners_its_script_or_emoji_need()
    {
        // A Persian "mi-xaham" is spelt with a non-joiner; a firefighter emoji is a woman joined to a fire engine.
        const string Persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", Firefighter = "\ud83d\udc69\u200d\ud83d\ude92";
        var threat = new Threat("T1", new GeoPoint(39.74, -104.99), 10, ThreatPhase.Active);

        Assert.Null(InputLimits.Check(new FlagAcknowledged("P1", "commander", $"{Persian} {Firefighter} on scene")));
        Assert.Null(InputLimits.Check(threat with { Remarks = Firefighter }));
        Assert.Null(InputLimits.Check(new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "commander", PersonName: Persian)));
        Assert.Equal("reason holds an invisible formatting character (U+202E)", InputLimits.Check(new FlagAcknowledged("P1", "commander", "\u202edeniar"))?.Detail);
        Assert.Equal("reason holds an invisible formatting character (U+200B)", InputLimits.Check(new ThreatPhaseChanged("T1", ThreatPhase.Contained, "commander", "con\u200btained"))?.Detail);
        Assert.Equal("threat remarks holds an invisible formatting character (U+2069)", InputLimits.Check(threat with { Remarks = "rifle\u2069" })?.Detail);
        Assert.Equal("callsign holds an invisible formatting character (U+200C)", InputLimits.Check(Report() with { Callsign = Persian })?.Detail);
    }

    [Fact]
    public void A_threat_with_an_uncertainty_or_floor_out_of_range_is_refused()
    {
        var threat = new Threat("T1", new GeoPoint(39.74, -104.99), 10, ThreatPhase.Active);

        Assert.Null(InputLimits.Check(threat));
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(threat with { UncertaintyM = -1 })?.Reason);
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(threat with { UncertaintyM = 5_000_001 })?.Reason);
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(threat with { Floor = 201 })?.Reason);
        Assert.Equal(RejectReason.InvalidCoordinates, InputLimits.Check(threat with { Position = new GeoPoint(91, 0) })?.Reason);
    }

    [Fact]
    public void Raw_input_is_kept_to_a_few_hundred_characters_and_marked_as_cut()
    {
        var raw = new string('x', 10_000);

        var kept = RawInput.Cap(raw);

        Assert.StartsWith(new string('x', RawInput.MaxChars), kept, StringComparison.Ordinal);
        Assert.EndsWith($"…[cut {10_000 - RawInput.MaxChars} characters]", kept, StringComparison.Ordinal);
        Assert.Equal("short", RawInput.Cap("short"));
    }

    [Theory]
    [InlineData(-1, "drill clock rate -1 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at")]
    [InlineData(60.5, "drill clock rate 60.5 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at")]
    [InlineData(double.NaN, "drill clock rate NaN is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at")]
    [InlineData(0.0001, "drill clock rate 0.0001 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at")]
    [InlineData(0.2, "drill clock rate 0.2 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at")]
    public void A_drill_clock_rate_no_drill_plays_at_is_refused(double speed, string detail) =>
        Assert.Equal(new Rejection(RejectReason.InvalidValue, detail), InputLimits.Check(new DrillControlled("start", "demo", "drill", Speed: speed)));

    [Fact]
    public void A_drill_clock_rate_below_a_quarter_read_back_from_a_recording_made_before_it_was_refused_is_passed() =>
        Assert.Null(InputLimits.Check(new DrillControlled("clock", "demo", "drill", Speed: 0.0001), recorded: true));

    [Theory]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData("my_drill")]
    [InlineData("")]
    public void A_drill_naming_no_scenario_name_is_refused_and_passed_read_back_from_a_recording_made_before_it_was(string scenario)
    {
        var drill = new DrillControlled(DrillControlled.Clock, scenario, "drill", Speed: 1);

        Assert.Equal(
            new Rejection(RejectReason.InvalidScenario, $"scenario '{scenario}' is not a scenario name: a drill is started and recorded by a name of 1-64 letters, digits and '-'"),
            InputLimits.Check(drill));
        Assert.Null(InputLimits.Check(drill, recorded: true));
    }

    [Fact]
    public void A_paused_drill_clock_is_a_rate_of_nought() =>
        Assert.Null(InputLimits.Check(new DrillControlled("pause", "demo", "drill", Speed: 0)));

    [Fact]
    public void An_objective_without_a_measure_is_refused_now_and_passed_read_back_from_a_recording_made_before_it_was()
    {
        var set = new ExerciseSet(new Exercises.Exercise("school", null, [new Exercises.ExerciseObjective("OBJ-1", "Reach the threat", [])]), "controller");

        Assert.Equal(
            new Rejection(RejectReason.InvalidValue, "objectives[0].measures: 1-10 measures, each read from the recording; an objective with none has nothing to rate it by"),
            InputLimits.Check(set));
        Assert.Null(InputLimits.Check(set, recorded: true));
    }
}
