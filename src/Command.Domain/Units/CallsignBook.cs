using Command.Domain.Validation;

namespace Command.Domain.Units;

/// <summary>
/// The callsigns taken in one incident, by how they read (<see cref="CallsignKey"/>): a unit is enrolled only under a
/// callsign no other unit of the incident reads as, so that a commander who directs one by its callsign directs that one.
/// The first unit to take a key holds it (a recording from before the rule may hold two that read alike).
/// </summary>
public sealed class CallsignBook
{
    private readonly Dictionary<CallsignKey, TakenCallsign> taken = [];

    /// <summary>Notes that <paramref name="unitId"/> is enrolled under <paramref name="callsign"/>.</summary>
    public void Took(string unitId, string callsign) => taken.TryAdd(CallsignKey.Of(callsign), new TakenCallsign(unitId, callsign));

    public void Clear() => taken.Clear();

    /// <summary>Notes that <paramref name="unitId"/> left the incident: its callsign is free for another unit.</summary>
    public void Gave(string unitId)
    {
        foreach (var key in taken.Where(t => t.Value.UnitId == unitId).Select(t => t.Key).ToList())
        {
            taken.Remove(key);
        }
    }

    /// <summary>The unit other than <paramref name="unitId"/> whose callsign reads as <paramref name="callsign"/>, or null.</summary>
    public TakenCallsign? Clash(string unitId, string callsign) =>
        taken.TryGetValue(CallsignKey.Of(callsign), out var holder) && holder.UnitId != unitId ? holder : null;

    /// <summary>
    /// The callsign a unit that enrols itself (a radio on its first report) is enrolled under: its own where no other unit
    /// reads as it, else with its unit id beside it ("P1 (ANDROID-abc123)"), else numbered ("P1 (2)"). Its reports are
    /// not refused for a callsign it cannot change, and the board and the paperwork still tell the two apart.
    /// </summary>
    public string Distinct(string unitId, string callsign)
    {
        if (Clash(unitId, callsign) is null)
        {
            return callsign;
        }

        if (Fitted(callsign, $" ({unitId})") is { } withId && Clash(unitId, withId) is null)
        {
            return withId;
        }

        for (var n = 2; ; n++)
        {
            if (Fitted(callsign, $" ({n})") is { } numbered && Clash(unitId, numbered) is null)
            {
                return numbered;
            }
        }
    }

    // The callsign with its suffix, cut (never inside a character) to leave room for it; null where the suffix alone is too long.
    private static string? Fitted(string callsign, string suffix)
    {
        var room = InputLimits.MaxCallsignChars - suffix.Length;
        if (room < 1)
        {
            return null;
        }

        var cut = Math.Min(callsign.Length, room);
        if (cut < callsign.Length && char.IsHighSurrogate(callsign[cut - 1]))
        {
            cut--;
        }

        return callsign[..cut].TrimEnd() + suffix;
    }
}

/// <summary>A callsign taken in an incident, and the unit that holds it.</summary>
public sealed record TakenCallsign(string UnitId, string Callsign)
{
    /// <summary>
    /// The refusal of <paramref name="callsign"/> because it reads as this one, which is <paramref name="where"/>:
    /// "callsign 'Р1' reads as 'P1' of unit 'p1', already enrolled in incident 'x' ('Р' is U+0420): …".
    /// </summary>
    public Rejection Refuses(string callsign, string where)
    {
        var reads = callsign == Callsign ? "is taken by" : $"reads as '{Callsign}' of";
        var letters = callsign.EnumerateRunes().Where(r => r.Value > 0x7E && !Callsign.Contains(r.ToString(), StringComparison.Ordinal))
            .Distinct().Take(3).Select(r => FormattableString.Invariant($"'{r}' is U+{r.Value:X4}")).ToList();
        var spelt = letters.Count > 0 ? $" ({string.Join(", ", letters)})" : "";
        return new Rejection(RejectReason.CallsignTaken,
            $"callsign '{callsign}' {reads} unit '{UnitId}', {where}{spelt}: a board or a log could not tell the two apart; give this unit a callsign of its own");
    }
}
