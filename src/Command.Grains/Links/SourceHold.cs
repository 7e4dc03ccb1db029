namespace Command.Grains.Links;

/// <summary>
/// Which host holds a source every host could connect to, and until when: a host that asks while another's hold runs
/// is refused and told whose it is; the holder renews it by asking again, and once a hold runs out any host may take it.
/// </summary>
[GenerateSerializer]
public sealed record SourceHold([property: Id(0)] string Holder, [property: Id(1)] TimeSpan Term, [property: Id(2)] DateTimeOffset Until)
{
    /// <summary>
    /// The hold after <paramref name="holder"/> asks for <paramref name="term"/> at <paramref name="now"/>: its own
    /// (taken or renewed) where the source is free, its hold ran out or it is its own; otherwise <paramref name="current"/>.
    /// </summary>
    public static SourceHold Ask(SourceHold? current, string holder, TimeSpan term, DateTimeOffset now) =>
        current is null || current.Holder == holder || now >= current.Until ? new SourceHold(holder, term, now + term) : current;

    /// <summary>The hold after <paramref name="holder"/> lets go: none where it was its own.</summary>
    public static SourceHold? LetGo(SourceHold? current, string holder) => current?.Holder == holder ? null : current;
}
