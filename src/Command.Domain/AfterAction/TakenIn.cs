using Command.Domain.Reports;

namespace Command.Domain.AfterAction;

/// <summary>
/// Where a report was taken in, where the recording says: the host whose listener or API took it
/// (<see cref="PositionReport.ReceivedBy"/>) and the source it came through (<see cref="PositionReport.Via"/>).
/// </summary>
public sealed record TakenIn(string? Host, string? Via)
{
    /// <summary>Where <paramref name="report"/> was taken in; null where the recording says neither.</summary>
    public static TakenIn? Of(PositionReport report) => Of(report.ReceivedBy, report.Via);

    /// <summary>Where a report was taken in, by its parts; null where both are absent.</summary>
    public static TakenIn? Of(string? host, string? via) => host is null && via is null ? null : new TakenIn(host, via);

    /// <summary>
    /// Whether the source recorded as <paramref name="sourceId"/> (<see cref="Events.SourceChanged.SourceId"/>) is the one
    /// the report came through: a source one host connects to for all is named by its section alone, a listener by its
    /// section at the host that runs it.
    /// </summary>
    public bool Through(string sourceId) =>
        Via is { } via && (sourceId == via || (Host is { } host && sourceId == $"{via}@{host}"));
}
