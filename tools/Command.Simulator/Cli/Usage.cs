namespace Command.Simulator.Cli;

internal static class Usage
{
    public const string Text = """
        Command drill simulator

          play --url http://127.0.0.1:5000 [--scenario demo|file.json] [--speed 1] [--incident id] [--seed 0] [--loop]
              Plays a scenario against a running host: creates (or reuses) the incident, enrols the units, places
              the threat, then posts each tick's reports in one request. Speed 0.25-60 drill seconds per second;
              fix times stay on the wall clock, so at speed k units appear to move k times faster.

          load --url http://127.0.0.1:5000 [--incidents 1] [--units 10] [--rate 100] [--duration 30] [--concurrency 8]
              N incidents x M units sending R reports/s in total for S seconds, batched per incident, with up to
              C requests in flight. Prints achieved reports/s, accepted and rejected counts, and POST latency
              percentiles.
        """;
}
