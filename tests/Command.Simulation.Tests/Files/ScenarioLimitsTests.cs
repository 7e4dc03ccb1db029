using Command.Simulation.Files;

namespace Command.Simulation.Tests.Files;

/// <summary>A scenario file is held to what a drill can be, and each refusal says what is allowed where it was broken.</summary>
public sealed class ScenarioLimitsTests
{
    private const string Unit = """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 } }""";

    [Fact]
    public void A_hold_and_a_run_longer_than_any_drill_are_refused_saying_how_long_a_drill_can_be()
    {
        // Taken once, this file's drill overflowed its status as it started, and no control could reach it again.
        var json = TestScenarios.Json(
            """{ "id": "H1", "role": "contact", "start": { "east": -300, "north": -300 }, "script": [ { "do": "hold", "durationS": 1e300 } ] }""",
            durationS: 1e12);

        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "longhold.json"));

        Assert.Equal(
            ["$.units[0].script[0].durationS (unit 'H1'): must be more than 0 and at most 86400 s: no drill runs longer than a day (was 1E+300)",
             "$.durationS: must be 10-86400 s: a drill runs at least 10 s and at most a day (was 1E+12)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "arriveS": 90000 }""",
        "$.units[0].arriveS (unit 'U1'): must be 0-86400 s: no drill runs longer than a day (was 90000)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "roleChanges": [ { "atS": -5, "role": "staging" } ] }""",
        "$.units[0].roleChanges[0].atS (unit 'U1'): must be 0-86400 s: no drill runs longer than a day (was -5)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "hold", "untilS": 1e9 } ] }""",
        "$.units[0].script[0].untilS (unit 'U1'): must be 0-86400 s: no drill runs longer than a day (was 1E+09)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "dropouts": [ { "fromS": 10, "toS": 1e20 } ] } }""",
        "$.units[0].reporting.dropouts[0].toS (unit 'U1'): must be 0-86400 s: no drill runs longer than a day (was 1E+20)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "move", "to": { "east": 0, "north": 1000 }, "speedMps": 0.001 } ] }""",
        "$.units[0].script[0] (unit 'U1'): ends 1000000 s into the script, after the longest a drill runs (86400 s)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "move", "to": { "east": 0, "north": 1000 }, "speedMps": 500 } ] }""",
        "$.units[0].script[0].speedMps (unit 'U1'): must be more than 0 and at most 150 m/s: the fastest ground speed a report may state (was 500)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "retreat", "distanceM": 1e6, "speedMps": 2 } ] }""",
        "$.units[0].script[0].distanceM (unit 'U1'): must be more than 0 and at most 100000 m (was 1E+06)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": 0.0001 } }""",
        "$.units[0].reporting.cadenceS (unit 'U1'): must be 1-3600 s: a device reports at most once a second (was 0.0001)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "noiseSigmaM": 5000 } }""",
        "$.units[0].reporting.noiseSigmaM (unit 'U1'): must be 0-1000 m (was 5000)")]
    [InlineData(
        """{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "accuracyM": 500 } }""",
        "$.units[0].reporting.accuracyM (unit 'U1'): must be more than 0 and at most 100 m: the worst accuracy the host takes (was 500)")]
    public void A_figure_beyond_what_a_drill_can_be_is_refused_at_its_path_naming_its_unit(string unit, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(unit));

        Assert.Equal([expected], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void A_reporting_default_out_of_bounds_is_one_error_where_it_is_written_not_one_a_unit()
    {
        // A fix every 0.1 ms: one unit wrote 60,000 events in 6 s.
        const string json = """
            {
              "site": { "name": "Test field", "origin": { "lat": 38.6517, "lon": -98.4306 } },
              "threat": { "script": [ { "atS": 0, "phase": "active", "at": { "east": 0, "north": 50 } } ] },
              "reporting": { "cadenceS": 0.0001 },
              "units": [ { "id": "X1", "role": "contact", "start": { "east": 0, "north": 0 } }, { "id": "X2", "role": "contact", "start": { "east": 5, "north": 0 } } ]
            }
            """;

        var e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "cadence.json"));

        Assert.Equal(["$.reporting.cadenceS: must be 1-3600 s: a device reports at most once a second (was 0.0001)"], e.Errors.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData(
        """{ "id": "F1", "role": "contact", "start": { "lat": -38.6517, "lon": 98.4306 } }""",
        "$.units[0].start (unit 'F1'): its start at -38.6517,98.4306 is 18553 km from site Test field: a unit's fix is taken within 100 km of it")]
    [InlineData(
        """{ "id": "F1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ { "do": "path", "via": [ { "east": 0, "north": 10 }, { "lat": 39.6517, "lon": -98.4306 } ], "speedMps": 60 } ] }""",
        "$.units[0].script[0].via[1] (unit 'F1'): its waypoint at 39.6517,-98.4306 is 111 km from site Test field: a unit's fix is taken within 100 km of it")]
    public void A_unit_scripted_beyond_where_the_incident_takes_fixes_is_refused(string unit, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(unit));

        Assert.Equal([expected], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void A_threat_placed_beyond_where_the_incident_places_one_is_refused()
    {
        const string threat = """{ "script": [ { "atS": 0, "phase": "active", "at": { "east": 0, "north": 50 } }, { "atS": 60, "at": { "lat": 38.7517, "lon": -98.4306 } } ] }""";

        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(Unit, threat));

        Assert.Equal(
            ["$.threat.script[1].at: threat T1 at 38.7517,-98.4306 is 11.1 km from site Test field: a threat is placed within 10 km of it"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Every_threat_step_placed_beyond_where_the_incident_places_a_threat_is_refused_at_its_own_path()
    {
        // A later step 11 km out faulted the drill when it came due: every step is judged as the file is read.
        const string threat = """
            { "script": [
              { "atS": 0, "phase": "active", "at": { "east": 0, "north": 50 } },
              { "atS": 60, "at": { "lat": 38.7517, "lon": -98.4306 } },
              { "atS": 120, "at": { "east": 0, "north": 200 } },
              { "atS": 180, "phase": "contained", "reason": "barricaded" },
              { "atS": 240, "at": { "east": 12000, "north": 0 } } ] }
            """;

        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(Unit, threat));

        Assert.Equal(
            ["$.threat.script[1].at: threat T1 at 38.7517,-98.4306 is 11.1 km from site Test field: a threat is placed within 10 km of it",
             "$.threat.script[4].at: threat T1 at 38.6517,-98.29275 is 12 km from site Test field: a threat is placed within 10 km of it"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Units_that_together_report_more_often_than_an_incident_takes_from_a_drill_are_refused_at_read()
    {
        // 2,000 units each reporting every second at 60x sent one incident 120,000 reports a second.
        static string Units(int count, double cadenceS) => string.Join(",", Enumerable.Range(0, count).Select(i =>
            $$"""{ "id": "U{{i}}", "role": "contact", "start": { "east": 0, "north": 0 }, "reporting": { "cadenceS": {{cadenceS}} } }"""));

        var flood = Assert.Throws<ScenarioException>(() => TestScenarios.With(Units(1001, 1)));
        var most = TestScenarios.With(Units(2000, 2));

        Assert.Equal(
            ["$.units: 1001 units send 1001 reports a second at speed 1 (one a cadence each); an incident takes at most 1000 a second from a drill: give them a longer cadenceS, or play fewer"],
            flood.Errors.Select(x => x.ToString()));
        Assert.Equal(1000, most.ReportsPerSecond);
    }

    [Fact]
    public async Task A_file_larger_than_a_scenario_may_be_is_refused_unread()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bloat-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"name\": \"" + new string('N', 5 * 1024 * 1024) + "\"}", TestContext.Current.CancellationToken);
        try
        {
            var e = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioFile.LoadAsync(path, TestContext.Current.CancellationToken));

            Assert.Equal([$"$: the file is {(5 * 1024 * 1024) + 12} bytes; a scenario file is at most 4194304 bytes (4 MiB)"], e.Errors.Select(x => x.ToString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lists_longer_than_a_drill_has_are_one_error_each_their_items_unread()
    {
        var legs = string.Join(",", Enumerable.Repeat("""{ "do": "hold", "durationS": 1 }""", 1001));
        var units = string.Join(",", Enumerable.Range(0, 2001).Select(i => $$"""{ "id": "U{{i}}", "role": "contact", "start": { "east": 0, "north": 0 } }"""));

        var tooManyLegs = Assert.Throws<ScenarioException>(() => TestScenarios.With($$"""{ "id": "U1", "role": "contact", "start": { "east": 0, "north": 0 }, "script": [ {{legs}} ] }"""));
        var tooManyUnits = Assert.Throws<ScenarioException>(() => TestScenarios.With(units));

        Assert.Equal(["$.units[0].script (unit 'U1'): has 1001 legs; at most 1000"], tooManyLegs.Errors.Select(x => x.ToString()));
        Assert.Equal(["$.units: has 2001 units; at most 2000"], tooManyUnits.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void At_most_a_hundred_problems_are_listed_then_how_many_more()
    {
        var units = string.Join(",", Enumerable.Range(0, 150).Select(i => $$"""{ "id": "U{{i}}", "role": "sniper", "start": { "east": 0, "north": 0 } }"""));

        var e = Assert.Throws<ScenarioException>(() => TestScenarios.With(units));

        Assert.Equal(101, e.Errors.Count);
        Assert.StartsWith("$.units[99].role (unit 'U99'): 'sniper' is not a role", e.Errors[99].ToString(), StringComparison.Ordinal);
        Assert.Equal("$: 50 more problems not listed", e.Errors[100].ToString());
    }
}
