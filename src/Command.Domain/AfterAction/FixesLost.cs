namespace Command.Domain.AfterAction;

/// <summary>
/// A unit's fixes not heard: lost while a host was down (its reports stopped before the host was recorded leaving the
/// cluster, <see cref="Events.HostDeparted"/>, and resumed after, a gap longer than its cadence explains,
/// <see cref="ReportGap.Unexplained"/>, its last report before taken in by that host where the recording says which,
/// <see cref="Reports.PositionReport.ReceivedBy"/>), or while the unit itself went unheard long enough for its board
/// row to go stale (its device silent, or out of reach). What the unit did meanwhile is not in the recording, so a first
/// (on scene, inside, contact) set by its first fix back happened at or before that fix, not at it.
/// </summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Host">The host that left (its silo's address); null where the unit went unheard with every host up.</param>
/// <param name="DepartedAt">When its leaving was recorded; null with no host.</param>
/// <param name="LastHeard">The unit's last fix before.</param>
/// <param name="HeardAgain">Its first fix after; null where it was not heard again before the recording ends.</param>
public sealed record FixesLost(string UnitId, string? Host, DateTimeOffset? DepartedAt, DateTimeOffset LastHeard, DateTimeOffset? HeardAgain)
{
    /// <summary>
    /// What a moment set by its first fix back is, in the documents' words: "at or before 17:02:21 UTC — its fixes were
    /// lost 17:01:15–17:02:21 UTC while its host 127.0.0.1:11911 was down", or "… — it was not heard 17:01:15–17:02:21
    /// UTC".
    /// </summary>
    public string AtOrBefore => $"at or before {Utc(HeardAgain ?? LastHeard)} UTC — {(Host is { } host ? $"its fixes were lost {Span} UTC while its host {host} was down" : Unheard)}";

    /// <summary>Why a figure set by its first fix back is the most it can have been, not what it was, as a row says it.</summary>
    public string Why => Host is null ? Unheard : $"its fixes were lost {Span} UTC while its host was down";

    /// <summary>"17:01:15–17:02:21": from its last fix before to its first after; "from 17:01:15" where none came after.</summary>
    public string Span => HeardAgain is { } back ? $"{Utc(LastHeard)}–{Utc(back)}" : $"from {Utc(LastHeard)}";

    private string Unheard => $"it was not heard {Span} UTC";

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
