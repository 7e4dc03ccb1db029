namespace Command.Domain.Events;

/// <summary>
/// For a while the incident could not record, as one host found: what that host handed it then was refused and is not
/// in the recording. Told once the incident records again, by each host that had something refused, so that the board,
/// a replay and the after-action report say the record has a hole and why — not that the units in it went quiet.
/// </summary>
/// <param name="Host">The host whose reports and commands were refused (its silo's address).</param>
/// <param name="From">The first refusal, on that host's clock.</param>
/// <param name="Until">The last refusal, on that host's clock.</param>
/// <param name="Reports">Position reports refused then, from radios, trackers and the API.</param>
/// <param name="Commands">Commands refused then: acknowledgements, phase changes, enrolments and the like.</param>
/// <param name="Detail">Why, as the first refusal said ("the incident's storage did not answer (Connection refused)").</param>
[GenerateSerializer, Immutable]
public sealed record RecordingInterrupted(string Host, DateTimeOffset From, DateTimeOffset Until, int Reports, int Commands, string? Detail) : IncidentEvent
{
    /// <summary>"22 reports and 1 command", "1 report": what was refused, as the feed and the documents say it.</summary>
    public string Refused => (Reports, Commands) switch
    {
        (_, 0) => Count(Reports, "report"),
        (0, _) => Count(Commands, "command"),
        _ => $"{Count(Reports, "report")} and {Count(Commands, "command")}",
    };

    /// <summary>
    /// The after-action report's key moment and incident command's log entry: "The incident could not record from
    /// 01:50:15 to 01:52:20 UTC: 22 reports and 1 command handed to it by host 10.0.0.5:11111 were refused and are not in
    /// this record (the incident's storage did not answer (Connection refused))".
    /// </summary>
    public string Said() =>
        FormattableString.Invariant($"The incident could not record from {From.UtcDateTime:HH:mm:ss} to {Until.UtcDateTime:HH:mm:ss} UTC: {Refused} handed to it by host {Host} {(Reports + Commands == 1 ? "was" : "were")} refused and {(Reports + Commands == 1 ? "is" : "are")} not in this record")
        + (Detail is { Length: > 0 } why ? $" ({why})" : "");

    /// <summary>How an incident knows a hole told again: the host that told it, and when it began.</summary>
    public static string Key(string host, DateTimeOffset from) => FormattableString.Invariant($"{host}@{from.UtcTicks}");

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : FormattableString.Invariant($"{n} {what}s");
}
