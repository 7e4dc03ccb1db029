using Command.Simulation.Files;

namespace Command.Simulation.Tests.Files;

public sealed class ScenarioFileTests
{
    private const string Unit = """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 } }""";

    [Theory]
    [InlineData(
        """{ "id": "U1", "role": "sniper", "start": { "east": 0, "north": 0 } }""",
        "$.units[0].role (unit 'U1'): 'sniper' is not a role; expected one of unassigned, contact, perimeter, staging, medical, rescue-task-force, command")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "move", "to": { "east": 5, "north": 0 }, "speedMps": -2 } ] }""",
        "$.units[0].script[0].speedMps (unit 'U1'): must be more than 0 and at most 150 m/s: the fastest ground speed a report may state (was -2)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "run", "to": { "east": 5, "north": 0 } } ] }""",
        "$.units[0].script[0].do (unit 'U1'): 'run' is not a leg; expected move, path, hold or retreat")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "node": "door-x" } }""",
        "$.units[0].start.node (unit 'U1'): 'door-x' is not a node of the site's walk graph")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "lat": 38.65 } }""",
        "$.units[0].start (unit 'U1'): give exactly one of east and north (metres from the origin), lat and lon, or node")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0 } }""",
        "$.units[0].start (unit 'U1'): needs both east and north")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 2, "jitterS": 2 } }""",
        "$.units[0].reporting.jitterS (unit 'U1'): must be less than the cadence of 2 s so fixes stay in order (was 2)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "dropouts": [ { "fromS": 30, "toS": 20 } ] } }""",
        "$.units[0].reporting.dropouts[0].toS (unit 'U1'): must be after fromS 30 s (was 20)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "hold", "durationS": 10, "untilS": 20 } ] }""",
        "$.units[0].script[0] (unit 'U1'): a hold needs exactly one of durationS or untilS")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "arriveS": 30, "script": [ { "do": "hold", "untilS": 20 } ] }""",
        "$.units[0].script[0].untilS (unit 'U1'): must be after the 30 s the unit reaches this leg (was 20)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "arriveS": 600 }""",
        "$.units[0].arriveS (unit 'U1'): 600 s is not before the end of the drill at 600 s")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "roleChanges": [ { "atS": 10, "role": "medic" } ] }""",
        "$.units[0].roleChanges[0].role (unit 'U1'): 'medic' is not a role; expected one of unassigned, contact, perimeter, staging, medical, rescue-task-force, command")]
    public void Invalid_unit_gives_the_exact_error_at_its_path(string unit, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(unit));

        Assert.Equal([expected], e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("""{ "id": "OBJ-1", "title": "Reach the threat" }""")]
    [InlineData("""{ "id": "OBJ-1", "title": "Reach the threat", "measures": [] }""")]
    public void An_objective_without_a_measure_is_refused_at_its_path(string objective)
    {
        var json = TestScenarios.Json(Unit).Replace("\"units\":", $"\"objectives\": [ {objective} ],\n  \"units\":", StringComparison.Ordinal);

        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "test.json"));

        Assert.Equal(["$.objectives[0].measures: 1-10 measures, each read from the recording; an objective with none has nothing to rate it by"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Duplicate_unit_id_is_named()
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(Unit + "," + Unit));

        Assert.Equal(["$.units[1].id (unit 'U1'): 'U1' is already the id of another unit"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Units_whose_callsigns_read_alike_are_named_as_the_incident_would_refuse_them()
    {
        var second = Unit.Replace("\"U1\"", "\"U2\"", StringComparison.Ordinal).Replace("\"id\": \"U2\"", "\"id\": \"U2\", \"callsign\": \"u1\"", StringComparison.Ordinal);

        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(Unit + "," + second));

        Assert.Equal(["$.units[1].callsign (unit 'U2'): callsign 'u1' reads as 'U1' of unit 'U1', also in the scenario: a board or a log could not tell the two apart; give this unit a callsign of its own"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Threat_steps_out_of_order_and_unknown_phase_are_both_reported()
    {
        const string threat = """
            { "script": [ { "atS": 30, "phase": "active", "at": { "east": 0, "north": 50 } }, { "atS": 10, "phase": "escaped" } ] }
            """;
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(Unit, threat));

        Assert.Equal(
            ["$.threat.script[1].atS: must not be before the previous step's 30 s (was 10)",
             "$.threat.script[1].phase: 'escaped' is not a threat phase; expected reported, active, contained or neutralized"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Retreat_with_no_threat_placed_yet_is_refused()
    {
        const string threat = """{ "script": [ { "atS": 100, "phase": "active", "at": { "east": 0, "north": 50 } } ] }""";
        const string unit = """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "retreat", "distanceM": 20, "speedMps": 1 } ] }""";
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(unit, threat));

        Assert.Equal(["$.units[0].script[0] (unit 'U1'): there is no threat at 0 s to retreat from"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Site_errors_name_the_zone_kind_ring_size_and_walk_edge()
    {
        const string json = """
            {
              "site": { "name": "Field", "origin": { "lat": 38.65, "lon": -98.43 },
                "zones": [ { "id": "z1", "kind": "lukewarm", "polygon": [ { "east": 0, "north": 0 }, { "east": 1, "north": 0 } ] } ],
                "walks": { "nodes": [ { "id": "a", "east": 0, "north": 0 } ], "edges": [ { "from": "a", "to": "b" } ] } },
              "threat": { "script": [ { "atS": 0, "phase": "active", "at": { "node": "a" } } ] },
              "units": [ { "id": "U1", "role": "contact", "start": { "node": "a" } } ]
            }
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "site.json"));

        Assert.Equal(
            ["$.site.walks.edges[0].to: 'b' is not a node of the site's walk graph",
             "$.site.zones[0].kind: 'lukewarm' is not a zone kind; expected hot, warm, cold, staging, casualty-collection or perimeter",
             "$.site.zones[0].polygon: needs at least 3 points (has 2)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Site_ids_floors_and_walk_lengths_follow_the_rules_the_api_s_sites_obey()
    {
        const string json = """
            {
              "site": { "name": "Field", "origin": { "lat": 38.65, "lon": -98.43 },
                "buildings": [ { "id": "main hall", "floors": 300, "footprint": [ { "east": 0, "north": 0 }, { "east": 9, "north": 0 }, { "east": 9, "north": 9 } ] } ],
                "walks": { "nodes": [ { "id": "a", "east": 0, "north": 0 }, { "id": "b", "east": 0, "north": 5, "floor": 250 } ],
                           "edges": [ { "from": "a", "to": "b", "lengthM": 20000 } ] } },
              "threat": { "script": [ { "atS": 0, "phase": "active", "at": { "node": "a" } } ] },
              "units": [ { "id": "U1", "role": "contact", "start": { "node": "b" } } ]
            }
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "site.json"));

        Assert.Equal(
            ["$.site.walks.nodes[1].floor: must be -20 to 200 (was 250)",
             "$.site.walks.edges[0].lengthM: must be more than 0 and at most 10000 m (was 20000)",
             "$.site.buildings[0].id: 'main hall' is not an id: 1-64 letters, digits, '-', '_' or '.'",
             "$.site.buildings[0].floors: must be 1-200 (was 300)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void A_file_with_no_site_names_every_other_missing_section_with_it()
    {
        // Nothing can be placed without the site's origin, but a trainer starting a file learns all it lacks at once.
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse("{}", "new-drill.json"));

        Assert.Equal(["$.site: is required", "$.threat: is required", "$.units: is required"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Missing_sections_are_each_reported_as_required()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse("""{ "site": { "name": "Field", "origin": { "lat": 38.65, "lon": -98.43 } } }""", "empty.json"));

        Assert.Equal(["$.threat: is required", "$.units: is required"], e.Errors.Select(x => x.ToString()));
        Assert.Equal($"Scenario 'empty.json' is invalid:{Environment.NewLine}  $.threat: is required{Environment.NewLine}  $.units: is required", e.Message);
    }

    // The parser reports the position just after the token it choked on; that is the column given.
    [Fact]
    public void Misspelt_property_is_named_with_its_line()
    {
        var json = TestScenarios.Json("""
            { "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 },
              "script": [ { "do": "move", "to": { "east": 5, "north": 0 }, "speedMs": 2 } ] }
            """);
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "typo.json"));

        Assert.Equal(["$.units[0].script[0].speedMs: line 6, column 74: unknown property 'speedMs'"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Broken_json_gives_its_line_and_column()
    {
        const string json = """
            {
              "durationS": 60,
              "site": { "name": "Field" "origin": { "lat": 38.65, "lon": -98.43 } }
            }
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "broken.json"));

        Assert.Equal(["$.site: line 3, column 29: '\"' is invalid after a value. Expected either ',', '}', or ']'."], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Number_where_text_belongs_is_a_wrong_type()
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With("""{ "id": 7, "role": "contact", "start": { "east": 0, "north": 0 } }"""));

        Assert.Equal(["$.units[0].id: line 5, column 23: has the wrong type of value for this field"], e.Errors.Select(x => x.ToString()));
    }
}
