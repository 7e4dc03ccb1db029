using Command.Simulation.Files;

namespace Command.Simulation.Tests.Files;

/// <summary>
/// A scenario's ids, callsigns and names are held to the rules the incident enrols and names by: a file the check
/// took was refused at its third unit's callsign once started, with two units already enrolled.
/// </summary>
public sealed class ScenarioTextTests
{
    private const string Unit = """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 } }""";

    [Theory]
    [InlineData(
        """{ "id": "C3", "callsign": "Patrol 12 Patrol 12 Patrol 12 Patrol 12 Patrol 12 Patrol 12 Patro", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].callsign (unit 'C3'): callsign is 65 characters (limit 64)")]
    [InlineData(
        """{ "id": "E1", "callsign": "\uD83D\uDC6E\u200D\u2640\uFE0F Officer", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].callsign (unit 'E1'): callsign holds an invisible formatting character (U+200D)")]
    [InlineData(
        """{ "id": "Z1", "callsign": "Adam\u202E21", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].callsign (unit 'Z1'): callsign holds an invisible formatting character (U+202E)")]
    [InlineData(
        """{ "id": "Z\u200B1", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].id: unit id holds an invisible formatting character (U+200B)")]
    [InlineData(
        """{ "id": "incident-command", "role": "command", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].id: unit id 'incident-command' is reserved: it names the incident command log in the paperwork; enrol the unit under another id")]
    [InlineData(
        """{ "id": "P1", "personName": "Zo\u00EB \u202EN\u00FA\u00F1ez", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].personName (unit 'P1'): person name holds an invisible formatting character (U+202E)")]
    [InlineData(
        """{ "id": "P1", "agency": "Meadowlark County Sheriff's Office, Patrol Division, Eastern Sector", "role": "contact", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].agency (unit 'P1'): agency is 67 characters (limit 64)")]
    public void A_unit_the_incident_would_not_enrol_is_refused_by_the_incident_s_own_rule_naming_it(string unit, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(unit));

        Assert.Equal([expected], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Free_text_keeps_the_joiners_its_script_and_emoji_are_spelt_with()
    {
        var scenario = TestScenarios.With(
            """{ "id": "E1", "callsign": "Officer 7", "personName": "\uD83D\uDC6E\u200D\u2640\uFE0F Zo\u00EB \u00D1\u00FA\u00F1ez-\u00D8ster", "agency": "\u0645\u0631\u0643\u0632 \u0627\u0644\u0634\u0631\u0637\u0629", "role": "contact", "start": { "east": 0, "north": 0 } }""");

        Assert.Equal("👮‍♀️ Zoë Ñúñez-Øster", scenario.Units[0].Person!.Name);
    }

    [Fact]
    public void The_drill_s_name_the_threat_s_id_and_a_phase_s_reason_follow_the_incident_s_rules()
    {
        var reason = new string('r', 501);
        var json = TestScenarios.Json(Unit, $$"""
            { "id": "T\u200B1", "script": [ { "atS": 0, "phase": "active", "at": { "east": 0, "north": 50 } }, { "atS": 60, "phase": "contained", "reason": "{{reason}}" } ] }
            """).Replace("\"durationS\"", "\"name\": \"Dri\\u202Ell zero\", \"durationS\"", StringComparison.Ordinal);

        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "names.json"));

        Assert.Equal(
            ["$.name: name holds an invisible formatting character (U+202E)",
             "$.threat.id: threat id holds an invisible formatting character (U+200B)",
             "$.threat.script[1].reason: reason is 501 characters (limit 500)"],
            e.Errors.Select(x => x.ToString()));
    }
}
