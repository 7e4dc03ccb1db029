using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>
/// A run of a unit's fixes that reached the incident late, together: its device held them (a phone out of network in a
/// basement or a tunnel, a radio link down) and sent them when it could. The board showed the unit stale meanwhile, and a
/// hold the fixes show was flagged only as they came, so its flag was up for less than the hold lasted; its fixes and the
/// plots place it where it was. Said in its log and on its row, or the after-action team reads two officers who held
/// alike as flagged for different spans with no word why.
/// </summary>
/// <param name="From">Its first late fix's time.</param>
/// <param name="Until">Its last late fix's time.</param>
/// <param name="Fixes">How many came late.</param>
/// <param name="ArrivedFrom">When the first of them reached the incident.</param>
/// <param name="ArrivedUntil">When the last did.</param>
public sealed record LateDelivery(DateTimeOffset From, DateTimeOffset Until, int Fixes, DateTimeOffset ArrivedFrom, DateTimeOffset ArrivedUntil)
{
    /// <summary>How late a fix reaches the incident, after its own time, to be late: a relay or a slow link takes seconds, not this.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(30);

    /// <summary>Fixes that reach the incident within this of the run's latest came with it, whatever their own time.</summary>
    public static readonly TimeSpan Together = TimeSpan.FromSeconds(2);

    /// <summary>How long the fixes were held: from the first's time to when it came.</summary>
    public TimeSpan Held => ArrivedFrom - From;

    /// <summary>This run with one more late fix.</summary>
    public LateDelivery With(DateTimeOffset fixTime, DateTimeOffset arrived) => this with
    {
        From = fixTime < From ? fixTime : From, Until = fixTime > Until ? fixTime : Until, Fixes = Fixes + 1,
        ArrivedUntil = arrived > ArrivedUntil ? arrived : ArrivedUntil,
    };

    /// <summary>
    /// As its ICS-214 log says it, at its first fix's time, in UTC as the log's other lines: "Its fixes of
    /// 08:07:55–08:10:50 (36) reached the incident only at 08:10:55 UTC, 3:00 late: its device held them (out of network,
    /// or its link down); the board showed it stale until then, and flagged what they show only as they came".
    /// </summary>
    public string Said()
    {
        var utc = new SiteClock(null);
        return $"Its {Span(utc)} reached the incident only {Arrival(utc)} UTC, {Durations.Clock(Held)} late: its device held them (out of network, or its link down); "
            + "the board showed it stale until then, and flagged what they show only as they came";
    }

    /// <summary>As its row says it: "fixes of 08:07:55–08:10:50 came 3:00 late, at 08:10:55".</summary>
    public string Row(SiteClock clock) => $"{Span(clock)} came {Durations.Clock(Held)} late, {Arrival(clock)}";

    private string Span(SiteClock clock) => Fixes == 1
        ? $"fix of {clock.LocalTime(From)}"
        : string.Create(CultureInfo.InvariantCulture, $"fixes of {clock.LocalTime(From)}–{clock.LocalTime(Until)} ({Fixes})");

    private string Arrival(SiteClock clock) => (ArrivedUntil - ArrivedFrom).TotalSeconds < 1
        ? $"at {clock.LocalTime(ArrivedFrom)}"
        : $"at {clock.LocalTime(ArrivedFrom)}–{clock.LocalTime(ArrivedUntil)}";
}
