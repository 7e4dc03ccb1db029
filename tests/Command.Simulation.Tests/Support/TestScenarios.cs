using Command.Domain.Geometry;
using Command.Simulation.Files;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Tests.Support;

/// <summary>Small scenarios on an empty field, written inline so each test shows the script it plays.</summary>
internal static class TestScenarios
{
    public static readonly GeoPoint Origin = new(38.6517, -98.4306);

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public const string StillThreat = """{ "script": [ { "atS": 0, "phase": "active", "at": { "east": 0, "north": 50 } } ] }""";

    public static Scenario With(string units, string threat = StillThreat, double durationS = 600) => ScenarioFile.Parse(Json(units, threat, durationS), "test.json");

    public static string Json(string units, string threat = StillThreat, double durationS = 600) => $$"""
        {
          "durationS": {{durationS}},
          "site": { "name": "Test field", "origin": { "lat": 38.6517, "lon": -98.4306 } },
          "threat": {{threat}},
          "units": [ {{units}} ]
        }
        """;

    /// <summary>Drill seconds of a fix played at speed 1 from <see cref="Start"/>.</summary>
    public static double DrillSeconds(DateTimeOffset fixTime) => (fixTime - Start).TotalSeconds;
}
