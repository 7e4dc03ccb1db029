namespace Command.Simulator.Load;

/// <summary>What load was asked to do: N incidents × M units sending R reports/s in total for a while.</summary>
/// <param name="Url">The running host.</param>
/// <param name="Incidents">Incidents created and fed, 1–10,000. Default 1.</param>
/// <param name="Units">Units per incident, 1–100,000. Default 10.</param>
/// <param name="Rate">Reports per second across all units, 0.01–1,000,000. Default 100.</param>
/// <param name="Duration">How long to send, 1 s to a day. Default 30 s.</param>
/// <param name="Concurrency">Requests in flight at most, 1–1024. Default 8.</param>
internal sealed record LoadArguments(Uri Url, int Incidents, int Units, double Rate, TimeSpan Duration, int Concurrency);
