namespace Command.Grains.Links;

/// <summary>
/// Which host holds a source every host could connect to, until when, and why it hears nothing from it where it does
/// not: a host that asks while another's hold runs is refused and told whose it is and how it stands; the holder
/// renews it by asking again, saying how it stands, and once a hold runs out any host may take it.
/// </summary>
[GenerateSerializer]
public sealed record SourceHold([property: Id(0)] string Holder, [property: Id(1)] TimeSpan Term, [property: Id(2)] DateTimeOffset Until, [property: Id(3)] string? Down = null)
{
    /// <summary>
    /// The hold after <paramref name="holder"/> asks for <paramref name="term"/> at <paramref name="now"/>, saying why it
    /// hears nothing from the source (<paramref name="down"/>; null where it does): its own (taken or renewed) where the
    /// source is free, its hold ran out or it is its own; otherwise <paramref name="current"/>.
    /// </summary>
    public static SourceHold Ask(SourceHold? current, string holder, TimeSpan term, DateTimeOffset now, string? down = null) =>
        current is null || current.Holder == holder || now >= current.Until ? new SourceHold(holder, term, now + term, down) : current;

    /// <summary>The hold after <paramref name="holder"/> lets go: none where it was its own.</summary>
    public static SourceHold? LetGo(SourceHold? current, string holder) => current?.Holder == holder ? null : current;
}

/// <summary>The host that holds a source, and why it hears nothing from it where it does not (null where it does).</summary>
[GenerateSerializer]
public sealed record SourceHolder([property: Id(0)] string Host, [property: Id(1)] string? Down);
