using System.Globalization;
using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Text;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Validation;

/// <summary>
/// The bounds every input must keep to before an incident folds it, whatever door it came through (an API call, a
/// radio, a drill, a recording read back): texts have lengths and hold no control or invisible characters
/// (<see cref="InvisibleCharacters"/>), numbers have plausible ranges, and nothing the fold does can turn an accepted
/// value into NaN or infinity. The stateless screen applies the report checks at ingest too, so a sender hears why;
/// the incident applies them all again, because not every input passes the screen.
/// </summary>
public static class InputLimits
{
    /// <summary>Longest unit, threat or incident id: 64 characters.</summary>
    public const int MaxIdChars = 64;

    /// <summary>Longest callsign: 64 characters.</summary>
    public const int MaxCallsignChars = 64;

    /// <summary>Longest actor name: 120 characters.</summary>
    public const int MaxActorChars = 120;

    /// <summary>Longest reason, name, scenario or refusal detail: 500 characters.</summary>
    public const int MaxTextChars = 500;

    /// <summary>Lowest altitude accepted: 1,000 m below the ellipsoid (the Dead Sea shore is 430 m below sea level).</summary>
    public const double MinAltitudeM = -1_000;

    /// <summary>Highest altitude accepted: 10,000 m (responders on foot, in cars and in helicopters).</summary>
    public const double MaxAltitudeM = 10_000;

    /// <summary>Fastest ground speed accepted: 150 m/s (540 km/h, beyond any responder's vehicle).</summary>
    public const double MaxSpeedMps = 150;

    /// <summary>Largest correction of a device's clock, either way: under a day (86,400 s); a clock further off did not drift.</summary>
    public const double MaxClockCorrectionS = 86_400;

    /// <summary>Largest threat uncertainty: 5,000 m.</summary>
    public const double MaxUncertaintyM = 5_000;

    /// <summary>Floors from -10 (basements) to 200.</summary>
    public const int MinFloor = -10;

    /// <summary>Worst vertical accuracy accepted: 500 m. Anything worse says nothing about height; a floor needs half of one.</summary>
    public const double MaxVerticalAccuracyM = 500;

    /// <summary>Highest floor: 200.</summary>
    public const int MaxFloor = 200;

    /// <summary>Most rounds a looping drill is counted to: 100,000 (a year and more of a ten-minute drill).</summary>
    public const int MaxRound = 100_000;

    /// <summary>The fastest a drill's clock may run against the incident's: 60×, as fast as a drill is played.</summary>
    public const double MaxDrillSpeed = 60;

    /// <summary>The slowest a drill is played, and its clock runs while it plays: 0.25× (0 is a drill paused).</summary>
    public const double MinDrillSpeed = 0.25;

    /// <summary>What is wrong with a report's fields, or null when nothing is.</summary>
    public static Rejection? Check(PositionReport report, bool recorded = false)
    {
        if (string.IsNullOrWhiteSpace(report.UnitId))
        {
            return new(RejectReason.MissingField, "the report has no unit id");
        }

        if (UnitIdProblem(report.UnitId, recorded) is { } id)
        {
            return id;
        }

        if (report.Callsign is { } callsign && Callsign(callsign, recorded) is { } sign)
        {
            return sign;
        }

        var p = report.Position;
        if (!p.IsValid)
        {
            return new(RejectReason.InvalidCoordinates, Format($"latitude {p.Latitude} / longitude {p.Longitude} is outside WGS84 ranges"));
        }

        if (report.AccuracyM is { } accuracy && (!double.IsFinite(accuracy) || accuracy < 0))
        {
            return new(RejectReason.InvalidValue, Format($"accuracy {Figures.Outside(accuracy, 0, double.PositiveInfinity)} is not a distance"));
        }

        if (report.SpeedMps is { } speed && (!double.IsFinite(speed) || speed < 0 || speed > MaxSpeedMps))
        {
            return new(RejectReason.InvalidValue, Format($"speed {Figures.Outside(speed, 0, MaxSpeedMps)} m/s is not a ground speed of 0-{MaxSpeedMps:F0} m/s"));
        }

        if (report.CourseDeg is { } course && (!double.IsFinite(course) || course < 0 || course > 360))
        {
            return new(RejectReason.InvalidValue, Format($"course {Figures.Outside(course, 0, 360)} is not 0-360 degrees"));
        }

        if (report.StaleAt is { } staleAt && staleAt <= report.FixTime)
        {
            return new(RejectReason.InvalidValue, Format($"stale time {staleAt:O} is not after the fix time {report.FixTime:O}"));
        }

        if (report.ClockCorrectionS is { } correction && (!double.IsFinite(correction) || Math.Abs(correction) >= MaxClockCorrectionS))
        {
            return new(RejectReason.InvalidValue, Format($"clock correction {correction:0.#} s is not under a day either way"));
        }

        return Height(report.AltitudeM, report.AltitudeDatum, report.VerticalAccuracyM, report.Floor);
    }

    /// <summary>
    /// What is wrong with a unit id a person or a device names, or null when nothing is: the id a unit's reports carry,
    /// which a radio makes as it likes (a CoT uid is any text), so no narrower shape than a report's own.
    /// </summary>
    public static Rejection? UnitId(string? unitId) =>
        string.IsNullOrWhiteSpace(unitId) ? new(RejectReason.MissingField, "a unit id is required")
        : UnitIdProblem(unitId, recorded: false);

    /// <summary>
    /// What is wrong with a callsign a person gives a unit, or null when nothing is: a label of at most 64 characters,
    /// holding nothing that draws nothing (<see cref="Ignorables"/>) and no mark (an accent, a vowel sign) that stands on
    /// no letter, either of which makes a callsign that reads as another. A radio's callsign is cleaned instead.
    /// </summary>
    public static Rejection? Callsign(string? callsign) => Callsign(callsign, recorded: false) ?? CallsignMarks(callsign);

    /// <summary>What is wrong with the name of the person who staffs a unit, or null: free text of at most 64 characters.</summary>
    public static Rejection? PersonName(string? name) => PersonName(name, recorded: false);

    /// <summary>What is wrong with a unit's home agency, or null: free text of at most 64 characters.</summary>
    public static Rejection? Agency(string? agency) => Agency(agency, recorded: false);

    /// <summary>What is wrong with a unit's ICS position, or null: free text of at most 64 characters.</summary>
    public static Rejection? IcsPosition(string? position) => IcsPosition(position, recorded: false);

    /// <summary>What is wrong with an incident's name, or null: free text of at most 500 characters.</summary>
    public static Rejection? IncidentName(string? name) => IncidentName(name, recorded: false);

    /// <summary>What is wrong with a threat's id, or null: a label of at most 64 characters.</summary>
    public static Rejection? ThreatId(string? threatId) => ThreatId(threatId, recorded: false);

    /// <summary>What is wrong with the reason a threat's phase is set for, or null: free text of at most 500 characters.</summary>
    public static Rejection? Reason(string? reason) => Reason(reason, recorded: false);

    /// <summary>What is wrong with a threat's uncertainty, or null: 0 to 5,000 m.</summary>
    public static Rejection? Uncertainty(double? uncertaintyM) =>
        uncertaintyM is { } u && (!double.IsFinite(u) || u < 0 || u > MaxUncertaintyM)
            ? new Rejection(RejectReason.InvalidValue, Format($"uncertainty {Figures.Outside(u, 0, MaxUncertaintyM)} m is outside 0-{MaxUncertaintyM:F0} m"))
            : null;

    /// <summary>What is wrong with a threat, or null when nothing is.</summary>
    public static Rejection? Check(Threat threat, bool recorded = false) =>
        ThreatId(threat.ThreatId, recorded)
        ?? Text(threat.Marker, "marker uid", MaxIdChars, recorded)
        ?? Text(threat.Name, "threat name", MaxCallsignChars, recorded)
        ?? FreeText(threat.Remarks, "threat remarks", MaxTextChars, recorded)
        ?? (!threat.Position.IsValid ? new Rejection(RejectReason.InvalidCoordinates, Format($"threat position {threat.Position} is outside WGS84 ranges")) : null)
        ?? Uncertainty(threat.UncertaintyM)
        ?? Height(threat.AltitudeM, threat.AltitudeDatum, threat.VerticalAccuracyM, threat.Floor);

    /// <summary>What is wrong with an altitude, its datum and vertical accuracy, or a stated floor; null when nothing is.</summary>
    public static Rejection? Height(double? altitudeM, AltitudeDatum? datum, double? verticalAccuracyM, int? floor)
    {
        if (altitudeM is { } altitude && (!double.IsFinite(altitude) || altitude < MinAltitudeM || altitude > MaxAltitudeM))
        {
            return new(RejectReason.InvalidValue, Format($"altitude {Figures.Outside(altitude, MinAltitudeM, MaxAltitudeM)} m is outside {MinAltitudeM:F0} to {MaxAltitudeM:F0} m"));
        }

        if (datum is { } d && !Enum.IsDefined(d))
        {
            return new(RejectReason.InvalidValue, Format($"altitude datum {(int)d} is not {AltitudeDatums.Expected}"));
        }

        if (verticalAccuracyM is { } vertical && (!double.IsFinite(vertical) || vertical < 0 || vertical > MaxVerticalAccuracyM))
        {
            return new(RejectReason.InvalidValue, Format($"vertical accuracy {Figures.Outside(vertical, 0, MaxVerticalAccuracyM)} m is outside 0-{MaxVerticalAccuracyM:F0} m"));
        }

        return floor is < MinFloor or > MaxFloor ? new(RejectReason.InvalidValue, Format($"floor {floor} is outside {MinFloor} to {MaxFloor}")) : null;
    }

    /// <summary>What keeps an incident's stream from folding an input, or null when it may.</summary>
    public static Rejection? Check(IncidentEvent input, bool recorded = false) => input switch
    {
        PositionAccepted accepted => Check(accepted.Report, recorded),
        ThreatSet set => Check(set.Threat, recorded) ?? Actor(set.Actor, recorded) ?? Reason(set.Reason, recorded),
        ThreatPhaseChanged phase => ThreatId(phase.ThreatId, recorded) ?? Actor(phase.Actor, recorded) ?? Reason(phase.Reason, recorded),
        ThreatSighted sighted => ThreatId(sighted.ThreatId, recorded) ?? Text(sighted.Marker, "marker uid", MaxIdChars, recorded) ?? Actor(sighted.Actor, recorded),
        ThreatMarkerDeleted deleted => ThreatId(deleted.ThreatId, recorded) ?? Text(deleted.Marker, "marker uid", MaxIdChars, recorded) ?? Actor(deleted.Actor, recorded) ?? Text(deleted.Became, "affiliation", MaxIdChars, recorded),
        UnitEnrolled enrolled => UnitIdProblem(enrolled.UnitId, recorded) ?? Callsign(enrolled.Callsign, recorded) ?? Actor(enrolled.Actor, recorded)
            ?? PersonName(enrolled.PersonName, recorded) ?? Agency(enrolled.Agency, recorded) ?? IcsPosition(enrolled.IcsPosition, recorded),
        UnitRoleChanged changed => Text(changed.UnitId, "unit id", MaxIdChars, recorded) ?? Actor(changed.Actor, recorded)
            ?? Text(changed.AnsweringFlag, "flag subject", MaxIdChars + 5, recorded) ?? ThreatId(changed.ThreatId, recorded),
        UnitAlarmed alarmed => Text(alarmed.UnitId, "unit id", MaxIdChars, recorded) ?? Text(alarmed.Kind, "alert", MaxCallsignChars, recorded) ?? Actor(alarmed.Actor, recorded)
            ?? (alarmed.Position is { IsValid: false } at ? new Rejection(RejectReason.InvalidCoordinates, Format($"alert position {at.Latitude},{at.Longitude} is outside WGS84 ranges")) : null),
        UnitSignedOff off => Text(off.UnitId, "unit id", MaxIdChars, recorded) ?? Actor(off.Actor, recorded),
        UnitReleased released => Text(released.UnitId, "unit id", MaxIdChars, recorded) ?? FreeText(released.Reason, "reason", MaxTextChars, recorded) ?? Actor(released.Actor, recorded),
        UnitDeviceRenamed renamed => Text(renamed.UnitId, "unit id", MaxIdChars, recorded) ?? Callsign(renamed.Callsign, recorded) ?? Callsign(renamed.Was, recorded),
        FlagAcknowledged ack => Text(ack.Subject, "subject", MaxIdChars + 5, recorded) ?? FreeText(ack.Reason, "reason", MaxTextChars, recorded) ?? Actor(ack.Actor, recorded),
        RulesAdopted rules => Actor(rules.Actor, recorded),
        DrillControlled drill => Text(drill.Action, "action", MaxIdChars, recorded) ?? FreeText(drill.Scenario, "scenario", MaxTextChars, recorded) ?? Actor(drill.Actor, recorded)
            ?? (recorded ? null : ScenarioName.Problem(drill.Scenario))
            ?? (drill.Round is < 2 or > MaxRound ? new Rejection(RejectReason.InvalidValue, Format($"round {drill.Round} is outside 2 to {MaxRound}: the first start-over begins round 2")) : null)
            ?? (drill.Speed is { } speed ? DrillSpeed(speed, recorded) : null),
        IncidentOpened opened => Text(opened.IncidentId, "incident id", MaxIdChars, recorded) ?? IncidentName(opened.Name, recorded) ?? Actor(opened.Actor, recorded),
        ExerciseSet set => Actor(set.Actor, recorded) ?? (Exercises.ExerciseRules.Check(set.Exercise, recorded) is { } wrong ? new(RejectReason.InvalidValue, wrong) : null),
        IncidentClosed closed => FreeText(closed.Reason, "reason", MaxTextChars, recorded) ?? Actor(closed.Actor, recorded),
        SourceChanged source => Text(source.SourceId, "source id", MaxTextChars, recorded) ?? FreeText(source.Name, "source name", MaxTextChars, recorded)
            ?? FreeText(source.Detail, "detail", MaxTextChars, recorded) ?? Actor(source.Host, recorded),
        HostDeparted departed => Actor(departed.Host, recorded) ?? Actor(departed.By, recorded),
        IncidentResumed resumed => Actor(resumed.Host, recorded),
        RecordingInterrupted hole => Actor(hole.Host, recorded) ?? FreeText(hole.Detail, "detail", MaxTextChars, recorded)
            ?? (hole.Until < hole.From || hole.Reports < 0 || hole.Commands < 0 ? new Rejection(RejectReason.InvalidValue, Format($"an interruption from {hole.From:u} to {hole.Until:u} with {hole.Reports} reports and {hole.Commands} commands refused is not one")) : null),
        SiteSet set => Actor(set.Actor, recorded) ?? (set.Scenario is { } scenario ? FreeText(scenario, "scenario", MaxTextChars, recorded) : null)
            ?? (recorded ? null : SiteProblem(set.Site)),
        _ => null,
    };

    // A drill plays at 0.25-60×, or stands paused (0); one recorded before that was held to is read as it was kept (0-60×).
    private static Rejection? DrillSpeed(double speed, bool recorded) =>
        speed is 0 or (>= MinDrillSpeed and <= MaxDrillSpeed) || (recorded && speed is >= 0 and <= MaxDrillSpeed)
            ? null
            : new(RejectReason.InvalidValue, Format($"drill clock rate {speed} is neither 0 (paused) nor within {MinDrillSpeed}-{MaxDrillSpeed:0}×, the speeds a drill plays at"));

    // A site handed on whole (to an incident that is given its site) is judged by the rules every site obeys, as the
    // API's and a scenario file's are; the first finding is the refusal. One recorded was judged when it was set.
    private static Rejection? SiteProblem(Sites.Site site) =>
        Sites.SiteRules.Check(Sites.SiteDraft.Of(site)).Findings is [var first, ..]
            ? new Rejection(first.Reason, $"{first.PathUnder("site")}: {first.Message}")
            : null;

    // A unit id as any label (its length, no control or invisible character), and not a reserved one; a recording made
    // before an id was reserved keeps the unit that took it: read back, it is passed.
    private static Rejection? UnitIdProblem(string unitId, bool recorded) =>
        Text(unitId, "unit id", MaxIdChars, recorded) ?? (recorded ? null : ReservedUnitIds.Check(unitId));

    private static Rejection? Actor(string actor, bool recorded) => Text(actor, "actor", MaxActorChars, recorded);

    private static Rejection? Callsign(string? callsign, bool recorded) => Text(callsign, "callsign", MaxCallsignChars, recorded);

    // "P1" with a combining grapheme joiner or a variation selector after it, or an acute standing on its digit, is drawn
    // as "P1" or as a mark on nothing: refused, each by what it is.
    private static Rejection? CallsignMarks(string? callsign)
    {
        if (callsign is null)
        {
            return null;
        }

        var composed = CanonicalComposition.Compose(callsign);
        if (composed.FirstOrDefault(Ignorables.DrawsNothing) is not '\0' and var blank)
        {
            return new(RejectReason.InvalidValue, Format($"callsign holds U+{(int)blank:X4}, which draws nothing: a callsign with it reads as the same callsign without it"));
        }

        for (var i = 0; i < composed.Length; i++)
        {
            if (char.GetUnicodeCategory(composed[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                && (i == 0 || !(char.IsLetter(composed[i - 1]) || char.GetUnicodeCategory(composed[i - 1]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)))
            {
                return new(RejectReason.InvalidValue, Format($"a mark (an accent, a vowel sign) in a callsign is written on a letter, and U+{(int)composed[i]:X4} {(i == 0 ? "begins the callsign" : $"follows '{composed[i - 1]}'")}"));
            }
        }

        return null;
    }

    private static Rejection? PersonName(string? name, bool recorded) => FreeText(name, "person name", MaxCallsignChars, recorded);

    private static Rejection? Agency(string? agency, bool recorded) => FreeText(agency, "agency", MaxCallsignChars, recorded);

    private static Rejection? IcsPosition(string? position, bool recorded) => FreeText(position, "ICS position", MaxCallsignChars, recorded);

    private static Rejection? IncidentName(string? name, bool recorded) => FreeText(name, "name", MaxTextChars, recorded);

    private static Rejection? ThreatId(string? threatId, bool recorded) => Text(threatId, "threat id", MaxIdChars, recorded);

    private static Rejection? Reason(string? reason, bool recorded) => FreeText(reason, "reason", MaxTextChars, recorded);

    // An id, a callsign or a label: no control character, and no invisible one that could make it pass for another.
    private static Rejection? Text(string? text, string what, int max, bool recorded) => Refusal(text, what, max, freeText: false, recorded);

    // What a person wrote or said: as a label, but keeping the joiners its script or emoji may be spelt with.
    private static Rejection? FreeText(string? text, string what, int max, bool recorded) => Refusal(text, what, max, freeText: true, recorded);

    // A recording made before invisible characters were refused holds what was accepted then: read back, they are passed
    // (they change what is drawn, not what is folded), so an old session's unit with an emoji in its callsign keeps its track.
    private static Rejection? Refusal(string? text, string what, int max, bool freeText, bool recorded) =>
        text is null ? null
        : text.Length > max ? new(RejectReason.TooLong, Format($"{what} is {text.Length} characters (limit {max})"))
        : text.Any(char.IsControl) ? new(RejectReason.InvalidValue, $"{what} holds control characters")
        : !recorded && InvisibleCharacters.Refusal(what, text, freeText) is { } invisible ? new(RejectReason.InvalidValue, invisible)
        : null;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
