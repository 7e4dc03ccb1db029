using Command.Domain.Threats;
using Command.Ingest.Intake;

namespace Command.Ingest.Cot;

/// <summary>
/// What one CoT event became: a unit's report or a rejection (<see cref="Report"/>), or a threat to place
/// (<see cref="Threat"/>, with the marker as <see cref="Actor"/>: <c>cot:&lt;uid&gt;</c>, to which the listener adds the
/// sender's address, and the marker's own <see cref="Time"/>, which is checked like a unit's fix time). Exactly one of
/// the two is set.
/// </summary>
public sealed record CotOutcome(IncomingReport? Report, Threat? Threat = null, string? Actor = null, string Raw = "", DateTimeOffset? Time = null)
{
    public static CotOutcome Of(IncomingReport report) => new(report, Raw: report.Raw);
}
