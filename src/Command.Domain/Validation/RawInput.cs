namespace Command.Domain.Validation;

/// <summary>
/// Keeps the raw text recorded with a refused input bounded: a few hundred characters say what arrived, and a marker
/// says how much more there was. Without it a large request of refused items would write its whole body to the
/// recording once per item.
/// </summary>
public static class RawInput
{
    /// <summary>Most characters of raw input kept: 400.</summary>
    public const int MaxChars = 400;

    /// <summary>
    /// A unit id as a refusal names it: whole when it is no longer than an id may be (<see cref="InputLimits.MaxIdChars"/>),
    /// else its start and "…": a sender's 3-million-character id is not recorded, nor answered back, whole.
    /// </summary>
    public static string CapId(string id) => Cut(id, InputLimits.MaxIdChars);

    /// <summary>A sender's text kept to <paramref name="max"/> characters: whole when it fits, else its start and "…".</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>The text as recorded: whole when short enough, else its start and "…[cut N characters]".</summary>
    public static string Cap(string raw) =>
        raw.Length <= MaxChars ? raw : string.Concat(raw.AsSpan(0, MaxChars), $"…[cut {raw.Length - MaxChars} characters]");
}
