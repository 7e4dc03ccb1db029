namespace Command.Domain.Views;

/// <summary>
/// An incident's word that it could not record and so takes nothing until it can: when, and what the recording said
/// ("IOException: No space left on device"). Its picture stands at <see cref="IncidentFrame.Sequence"/>, the last event
/// recorded; a frame past it says it records again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RecordingStopped(DateTimeOffset At, string Why)
{
    /// <summary>Longest <see cref="Why"/> kept: the first line of the failure, cut.</summary>
    public const int MaxWhy = 200;

    /// <summary>What a page is told of <paramref name="failure"/>: its kind and the first line of its message.</summary>
    public static RecordingStopped Of(Exception failure, DateTimeOffset at)
    {
        var first = $"{failure.GetType().Name}: {failure.Message.Split('\n', 2)[0].Trim()}";
        return new RecordingStopped(at, first.Length > MaxWhy ? first[..MaxWhy] + "…" : first);
    }
}
