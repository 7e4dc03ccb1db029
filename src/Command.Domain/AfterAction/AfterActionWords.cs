using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>How the after-action report says what a unit's figures mean.</summary>
public static class AfterActionWords
{
    /// <summary>
    /// How many reports a unit sent that were taken in, and how often it usually reported: "412, every 2 s". What its
    /// flags rest on — a unit reporting every 30 s is flagged on fewer, later fixes than one reporting every 2 s. Where
    /// its device's clock was off and its fix times were put right, by how much at the most: "412, every 2 s; device
    /// clock 42 s slow". Where it went unheard longer than its cadence explains, its longest gap, from when in the site's
    /// time of day (<paramref name="clock"/>; UTC without one), and the host whose going took its fixes with it where one
    /// did: "29, every 8.3 s; unheard 1:06 from 10:01:15, while its host 127.0.0.1:11911 was down" — the count and
    /// interval alone hid the minute. Where it was not heard again to the end of the record, when and where it was last
    /// heard: "20, every 6 s; last heard 19:10:54, 43 m from the threat; silent for the last 23:06". Where it was let go
    /// from the incident, when, why and by whom: "20, every 6 s; released from the incident 19:10:58 (enrolled in the
    /// wrong incident, cmdr)". Empty for a unit that sent none and was not let go.
    /// </summary>
    public static string Reports(UnitMetrics unit, SiteClock? clock = null) =>
        string.Join("; ", new[] { Taken(unit, clock), unit.Released is { } let ? $"released from the incident {(clock ?? new SiteClock(null)).LocalTime(let.Time)} ({let.Reason}, {let.Actor})" : "" }
            .Where(part => part.Length > 0));

    private static string Taken(UnitMetrics unit, SiteClock? clock) => unit.ReportsTaken == 0 ? ""
        : (unit.UsualIntervalS is { } every ? string.Create(CultureInfo.InvariantCulture, $"{unit.ReportsTaken}, every {every:0.#} s")
            : unit.ReportsTaken.ToString(CultureInfo.InvariantCulture))
          + (unit.ClockCorrectionS is { } off && off != 0 ? $"; device clock {Clock(off)}" : "")
          + (unit.WeekRolloverEras is { } eras ? $"; receiver {Rollover(eras)}, put right" : "")
          + (unit.LongestGap is { } gap
              ? $"; unheard {Durations.Clock(gap.Length)} from {(clock ?? new SiteClock(null)).LocalTime(gap.From)}{gap.While}"
              : "")
          + (unit.DeliveredLate is { } late ? $"; {late.Row(clock ?? new SiteClock(null))}" : "")
          + (unit.Silent is { } silent ? $"; {silent.Row(clock ?? new SiteClock(null))}" : "");

    /// <summary>
    /// A flag's reason after the name it is written beside: a zone's flag says its zone first ("hot zone Main building
    /// has had no contact unit for 60 s"), which read twice after "Flag raised on hot zone Main building:". The board
    /// trims it the same way.
    /// </summary>
    public static string ReasonAfter(string named, string reason) =>
        named.Length > 0 && reason.StartsWith(named + " ", StringComparison.Ordinal) ? reason[(named.Length + 1)..] : reason;

    /// <summary>
    /// The roles a unit held in turn, each after the first with when it took it, in the site's time of day: "contact,
    /// perimeter from 09:04:10"; its one role where it held one. Its last role alone would say a unit held outside as
    /// contact and reassigned afterwards was flagged on the perimeter.
    /// </summary>
    public static string Roles(IReadOnlyList<RoleHeld> held, SiteClock clock) =>
        string.Join(", ", held.Select((r, i) => i == 0 ? Units.UnitRoles.Name(r.Role) : $"{Units.UnitRoles.Name(r.Role)} from {clock.LocalTime(r.From)}"));

    /// <summary>How far a device's clock is off the host's, as its unit's row says it: "42 s slow", "3 min fast", "2 h slow".</summary>
    public static string Clock(double correctionS)
    {
        var off = Math.Abs(correctionS);
        var (amount, unit) = off < 90 ? (off, "s") : off < 5400 ? (off / 60, "min") : (off / 3600, "h");
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(amount):0} {unit} {(correctionS > 0 ? "slow" : "fast")}");
    }

    /// <summary>
    /// A receiver past its GPS week rollover, as its unit's row and log say it: "dated its fixes 1,024 weeks back (past its
    /// GPS week rollover)", "2,048 weeks" for two eras.
    /// </summary>
    public static string Rollover(int eras) =>
        string.Create(CultureInfo.InvariantCulture, $"dated its fixes {eras * 1024:N0} weeks back (past its GPS week rollover)");

    /// <summary>How far and which way from <paramref name="from"/> to <paramref name="to"/>: "100 m north", "35 m south-east", "under a metre".</summary>
    public static string Heading(Geometry.LocalPoint from, Geometry.LocalPoint to)
    {
        var metres = from.DistanceTo(to);
        if (metres < 1)
        {
            return "under a metre";
        }

        var bearing = (Math.Atan2(to.East - from.East, to.North - from.North) * 180 / Math.PI + 360) % 360;
        return string.Create(CultureInfo.InvariantCulture, $"{metres:0} m {Compass[(int)Math.Round(bearing / 45) % 8]}");
    }

    /// <summary>What every document made from the recording of an incident still open says it under: "Draft".</summary>
    public const string DraftLabel = "Draft";

    /// <summary>What every document made from a recording read only up to a damaged line says it under: "Damaged recording".</summary>
    public const string DamagedLabel = "Damaged recording";

    /// <summary>
    /// What every document made from a recording read only up to a damaged line (<see cref="IncidentMetrics.RecordingDamaged"/>)
    /// says at its top, under <see cref="DamagedLabel"/>, in the same words in each (the report, the AAR/IP, the ICS-214
    /// logs): where and why, then "Every figure below covers the recording up to there.". Its end would read as the drill's
    /// without it. Null for a whole recording's.
    /// </summary>
    public static string? Damaged(IncidentMetrics incident) => Damaged(incident.RecordingDamaged);

    /// <summary>The same, of what a recording says of its damage (<see cref="IncidentMetrics.RecordingDamaged"/>); null for a whole one.</summary>
    public static string? Damaged(string? recordingDamaged) =>
        recordingDamaged is { } damaged ? $"{damaged}. Every figure below covers the recording up to there." : null;

    /// <summary>
    /// What a comparison says at its top of each run whose recording is damaged, under <see cref="DamagedLabel"/>, in the
    /// others' words but of that run alone: "Run 2: the recording of 'x' is read up to …. Run 2's figures below cover its
    /// recording up to there." Without it a run that stops early reads as one whose units never got there.
    /// </summary>
    public static string DamagedRun(int run, string recordingDamaged) =>
        string.Create(CultureInfo.InvariantCulture, $"Run {run}: {recordingDamaged}. Run {run}'s figures below cover its recording up to there.");

    /// <summary>
    /// What a comparison says at its top of each run of an incident still open, under "Draft", in the others' words but of
    /// that run alone: "Run 2: the incident was still open when this was made; …". Without it a run whose units had not got
    /// there yet reads as one whose units never did.
    /// </summary>
    public static string StillOpenRun(int run, string stillOpen) =>
        string.Create(CultureInfo.InvariantCulture, $"Run {run}: {stillOpen}.");

    /// <summary>
    /// What a comparison says of a session whose drill started over, compared on its first round (round 1 with round 1):
    /// "drill1 holds 2 rounds; round 1 compared". Null for a session of one round.
    /// </summary>
    public static string? RoundsCompared(string incidentId, int rounds) =>
        rounds > 1 ? string.Create(CultureInfo.InvariantCulture, $"{incidentId} holds {rounds} rounds; round 1 compared") : null;

    /// <summary>
    /// What a document made from the recording of an incident still open says at its top, so that nobody takes it for
    /// the final word: "the incident was still open when this was made, at 08:06:40 (15:06:40 UTC); its figures cover the
    /// recording up to 08:06:31 (15:06:31 UTC), and what had not happened by then is not yet measured". Null for a closed
    /// incident's, whose documents are final and the same every time they are made. <paramref name="madeAt"/> is when
    /// the document was made, where the maker knows it.
    /// </summary>
    public static string? StillOpen(IncidentMetrics incident, DateTimeOffset? madeAt)
    {
        if (incident.ClosedAt is not null)
        {
            return null;
        }

        var clock = new SiteClock(incident.TimeZone);
        var made = madeAt is { } at ? $", at {clock.Both(at)}" : "";
        var upTo = incident.EndedAt is { } ended ? $" up to {clock.Both(ended)}" : "";
        return $"the incident was still open when this was made{made}; its figures cover the recording{upTo}, and what had not happened by then is not yet measured";
    }

    private static readonly string[] Compass = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"];
}
