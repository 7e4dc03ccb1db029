namespace Command.Domain.AfterAction;

/// <summary>
/// How every after-action document names a unit where a person reads it: by its callsign, with its id beside where the
/// two differ ("Patrol 4 (u-7f3a)"), so that units sharing a callsign are still told apart; by its id alone where it has
/// no callsign of its own. From TAK devices ids are device uids no after-action team would recognise on their own.
/// </summary>
public static class UnitNames
{
    /// <summary>
    /// "Patrol 4 (u-7f3a)"; "A1" for a unit whose callsign is its id, or that has none; a radio's callsign made distinct
    /// by its id when it was enrolled ("P1 (ANDROID-abc)") as it is, not with its id twice.
    /// </summary>
    public static string Of(string unitId, string? callsign) =>
        callsign is { Length: > 0 } named && named != unitId
            ? named.EndsWith($" ({unitId})", StringComparison.Ordinal) ? named : $"{named} ({unitId})"
            : unitId;
}
