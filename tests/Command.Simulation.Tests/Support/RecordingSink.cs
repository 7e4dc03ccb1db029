using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Simulation.Engine;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Tests.Support;

/// <summary>A sink that remembers every call with the fake clock's time.</summary>
internal sealed class RecordingSink(TimeProvider clock) : IDrillSink
{
    public ScenarioSetup? Setup { get; private set; }

    public List<PositionReport> Reports { get; } = [];

    public List<(DateTimeOffset At, int Count)> Batches { get; } = [];

    /// <summary>Every report with the wall time it was delivered: what a host's ingest sees as received-at.</summary>
    public List<(DateTimeOffset At, PositionReport Report)> Received { get; } = [];

    public List<(DateTimeOffset At, Threat Threat)> Threats { get; } = [];

    public List<(DateTimeOffset At, string UnitId, UnitRole Role)> Roles { get; } = [];

    /// <summary>When set, the next report batch fails with it.</summary>
    public Exception? FailReportsWith { get; set; }

    public Task OpenAsync(ScenarioSetup setup, CancellationToken cancellationToken)
    {
        Setup = setup;
        return Task.CompletedTask;
    }

    public Task ReportsAsync(IReadOnlyList<PositionReport> reports, CancellationToken cancellationToken)
    {
        if (FailReportsWith is { } failure)
        {
            return Task.FromException(failure);
        }

        Reports.AddRange(reports);
        Received.AddRange(reports.Select(r => (clock.GetUtcNow(), r)));
        Batches.Add((clock.GetUtcNow(), reports.Count));
        return Task.CompletedTask;
    }

    public Task ThreatAsync(Threat threat, string? reason, CancellationToken cancellationToken)
    {
        Threats.Add((clock.GetUtcNow(), threat));
        Reasons.Add(reason);
        return Task.CompletedTask;
    }

    /// <summary>The reason sent with each threat, in the order of <see cref="Threats"/>.</summary>
    public List<string?> Reasons { get; } = [];

    /// <summary>Each start-over with its round, in order.</summary>
    public List<(DateTimeOffset At, int Round)> StartsOver { get; } = [];

    public Task StartOverAsync(int round, CancellationToken cancellationToken)
    {
        StartsOver.Add((clock.GetUtcNow(), round));
        return Task.CompletedTask;
    }

    public Task RoleAsync(string unitId, UnitRole role, CancellationToken cancellationToken)
    {
        Roles.Add((clock.GetUtcNow(), unitId, role));
        return Task.CompletedTask;
    }
}
