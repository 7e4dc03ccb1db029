using System.Collections.Immutable;
using Command.Domain.Reports;

namespace Command.Grains.Probes;

/// <summary>
/// A grain that does nothing with the reports it is given: the load tool calls it exactly as the report path
/// calls an incident, so the cost of everything else (assessment, recording, push) shows against a bare call.
/// </summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Accept(ImmutableArray<PositionReport> reports);
}

public sealed class ProbeGrain : Grain, IProbeGrain
{
    public Task<int> Accept(ImmutableArray<PositionReport> reports) => Task.FromResult(reports.Length);
}
