using System.Globalization;
using System.Xml;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Cot;

/// <summary>
/// Reads one Cursor on Target <c>&lt;event&gt;</c>, which may begin with a byte order mark, or one TAK protocol
/// message (<see cref="ParseTak"/>). Never throws on bad input. The XML reader refuses DTDs, resolves nothing and stops
/// at <see cref="CotOptions.MaxEventChars"/>, so no entity can expand.
/// </summary>
public sealed class CotParser(CotOptions options)
{
    private readonly XmlReaderSettings settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = options.MaxEventChars,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>
    /// Reads one event as it came: its bytes in the encoding its byte order mark or XML declaration says (UTF-8 where
    /// neither does; see <see cref="CotEncoding"/>), whitespace before it passed over. An encoding that cannot be read
    /// is refused as malformed, by name.
    /// </summary>
    public CotOutcome Parse(ReadOnlySpan<byte> message)
    {
        var text = CotEncoding.Decode(message);
        return text.Refusal is { } refusal ? Refuse(text.Text, RejectReason.Malformed, $"{refusal}", CotProlog.EventUid(text.Text)) : Parse(text.Text);
    }

    /// <summary>Reads one event already read as text: an encoding its XML declaration names is not looked at.</summary>
    public CotOutcome Parse(string xml)
    {
        if (xml.Length > options.MaxEventChars)
        {
            return Refuse(RawText.Clip(xml), RejectReason.Oversized, $"event is {xml.Length} characters (limit {options.MaxEventChars})");
        }

        var fields = new CotFields();
        // A byte order mark is how an encoding marks itself, not content: files and some senders start with one.
        var text = xml.StartsWith(ByteOrderMark) ? xml[1..] : xml;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            if (!fields.Read(reader))
            {
                // Recorded as refused, a log-in would write the user's TAK password into the session for anyone to read.
                return reader is { NodeType: XmlNodeType.Element, LocalName: LogInRoot }
                    ? new CotOutcome(null, LogIn: true)
                    : Refuse(xml, RejectReason.Malformed, $"root element is not an event");
            }
        }
        catch (XmlException e)
        {
            return CotProlog.DeclaresDocumentType(text)
                ? Refuse(xml, RejectReason.Malformed, $"document type declarations (DTD) are not accepted")
                : Refuse(xml, RejectReason.Malformed, $"not well-formed XML: {e.Message}");
        }

        return Interpret(xml, fields);
    }

    /// <summary>
    /// Reads one TAK protocol mesh message (a datagram starting with 0xBF; see <see cref="TakMessage"/>) through the
    /// same checks as an XML event. Null where it carries no event: a device's announcement of the versions it reads,
    /// which is no report and no refusal. What is recorded of it is its bytes in base64, with the version.
    /// </summary>
    public CotOutcome? ParseTak(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > options.MaxEventChars)
        {
            return Refuse(RawText.Clip(Raw(datagram, null)), RejectReason.Oversized, $"message is {datagram.Length} bytes (limit {options.MaxEventChars})");
        }

        ulong? version = null;
        try
        {
            (var v, var start) = TakMessage.Header(datagram);
            version = v;
            if (v != TakMessage.Version)
            {
                return Refuse(Raw(datagram, v), RejectReason.Malformed, $"TAK protocol version {v} is not read here (version {TakMessage.Version} is)");
            }

            return TakMessage.Read(datagram[start..], settings) is { } fields ? Interpret(Raw(datagram, v), fields) : null;
        }
        catch (ProtoFormatException e)
        {
            return Refuse(Raw(datagram, version), RejectReason.Malformed, $"not a TAK protocol message: {e.Message}");
        }
        catch (XmlException e)
        {
            return Refuse(Raw(datagram, version), RejectReason.Malformed, $"TAK protocol message's detail is not well-formed XML: {e.Message}");
        }
    }

    private static string Raw(ReadOnlySpan<byte> datagram, ulong? version) =>
        FormattableString.Invariant($"TAK protocol{(version is { } v ? $" v{v}" : "")}, {datagram.Length} bytes, base64: {Convert.ToBase64String(datagram)}");

    private CotOutcome Interpret(string xml, CotFields f)
    {
        if (string.IsNullOrWhiteSpace(f.Uid))
        {
            return Refuse(xml, RejectReason.MissingField, $"event has no uid");
        }

        if (f.Uid.Any(char.IsControl))
        {
            // No unit, marker or device is named so: refused here by name, not by the incident for its actor.
            return Refuse(xml, RejectReason.InvalidValue, $"event uid holds control characters");
        }

        if (InvisibleCharacters.Refusal("event uid", f.Uid) is { } invisible)
        {
            // Nor with a character that draws nothing: a uid is a unit's id, and one could pass for another's. Not
            // cleaned, as a callsign is: two uids would become one unit.
            return Refuse(xml, RejectReason.InvalidValue, $"{invisible}");
        }

        if (string.IsNullOrWhiteSpace(f.Type))
        {
            return Refuse(xml, RejectReason.MissingField, $"event {f.Uid} has no type", f.Uid);
        }

        if (f.Type == CotOutcome.PingType)
        {
            return new CotOutcome(null, Raw: xml, Ping: true);
        }

        if (f.Type == CotOutcome.PongType)
        {
            return new CotOutcome(null, Raw: xml, Pong: true);
        }

        if (f.Type.StartsWith(AlertTypes, StringComparison.Ordinal))
        {
            return Alert(xml, f);
        }

        if (f.Type == DeleteType)
        {
            return Deletion(xml, f);
        }

        var kind = CotTypes.Classify(f.Type);
        if (kind == CotKind.Other)
        {
            return Refuse(xml, RejectReason.NotAPosition, $"event type {f.Type} is not a ground unit or a hostile marker", f.Uid);
        }

        // A hostile marker refused (no number for a position, 0,0, no time) is no unit's report: it is recorded in the
        // incident of the unit whose device placed it, as the threat it would have set is, not in the listener's.
        var located = Located(xml, f, kind);
        return kind == CotKind.Hostile && located.Report is { Rejection: not null } refused
            ? located with { Report = refused with { UnitId = null }, PlacedFrom = f.LinkUid }
            : located;
    }

    // An event with a uid and a type (told apart by its type) placed by its point.
    private CotOutcome Located(string xml, CotFields f, CotKind kind)
    {
        if (f.Uid is null || f.Type is null)
        {
            throw new System.Diagnostics.UnreachableException("an event is placed only once its uid and type are read");
        }

        if (kind == CotKind.Unit && HandPlaced(f) is { } why)
        {
            // A marker placed by hand says where something was seen, not where a unit is. Where it is the marker a
            // threat was placed from, now marked as something other than hostile (the threat misidentified, or the
            // marker wrong), that is for the incident to say: its refusal stands for every other marker.
            var notAPosition = Refuse(xml, RejectReason.NotAPosition, $"event {f.Uid} is {why}, not a unit's own position", f.Uid);
            return (NullIfBlank(f.Time) ?? NullIfBlank(f.Start)) is { } markedText && TryTime(markedText, out var marked)
                ? notAPosition with { Actor = $"cot:{f.Uid}", Time = marked, Deletion = new DeletedMarker(f.Uid, f.LinkUid ?? f.Uid, Affiliation(f.Type)) }
                : notAPosition;
        }

        if (kind == CotKind.Unit && SetByHand(f))
        {
            return Refuse(xml, RejectReason.NoFix,
                $"event {f.Uid}'s device has no fix of its own: its position was set by hand (how {HumanEstimated}, precisionlocation geopointsrc {CotFields.Clip(f.GeopointSource!)})", f.Uid);
        }

        if (!f.HasPoint || f.Lat is null || f.Lon is null)
        {
            return Refuse(xml, RejectReason.MissingField, $"event {f.Uid} has no point", f.Uid);
        }

        if (!TryNumber(f.Lat, out var lat) || !TryNumber(f.Lon, out var lon))
        {
            return Refuse(xml, RejectReason.InvalidCoordinates, $"point lat '{f.Lat}' / lon '{f.Lon}' is not a number", f.Uid);
        }

        // ce, le and hae are bounded, or refused by name: a marker's ce of thousands of kilometres is no uncertainty
        // to copy into a threat. CoT's 9999999 stays what it means: unknown, and so does an error of 0.
        var bad = CotFields.Error(f.Ce, "ce", InputLimits.MaxUncertaintyM, out var ce);
        var badLe = CotFields.Error(f.Le, "le", InputLimits.MaxVerticalAccuracyM, out var le);
        var badHae = CotFields.Measure(f.Hae, "hae", InputLimits.MinAltitudeM, InputLimits.MaxAltitudeM, out var hae);
        if ((bad ?? badLe ?? badHae) is { } refused)
        {
            return Refuse(xml, RejectReason.InvalidValue, $"event {f.Uid} point: {refused}", f.Uid);
        }

        if (lat == 0 && lon == 0 && ce is null)
        {
            return Refuse(xml, RejectReason.NoFix, $"point 0,0 with unknown ce is a device without a fix", f.Uid);
        }

        if ((NullIfBlank(f.Time) ?? NullIfBlank(f.Start)) is not { } timeText)
        {
            return Refuse(xml, RejectReason.MissingField, $"event {f.Uid} has no time (neither a time nor a start attribute)", f.Uid);
        }

        if (!TryTime(timeText, out var fixTime))
        {
            return Refuse(xml, RejectReason.Malformed, $"event time '{CotFields.Clip(timeText)}' is not an ISO 8601 time", f.Uid);
        }

        var position = new GeoPoint(lat, lon);
        // CoT's hae is height above the WGS84 ellipsoid, and le its vertical error: with a building's ground elevation
        // they tell a floor.
        AltitudeDatum? datum = hae is null ? null : AltitudeDatum.Ellipsoid;
        // Its stale says how long the fix stands: ATAK reports every 180 s standing still through a TAK server, and
        // says so there. A stale not after the event's time (stale on arrival) says nothing of how long it stands; the
        // fix is still taken.
        DateTimeOffset? staleAt = TryTime(f.Stale, out var stale) && stale > fixTime ? stale : null;
        // A marker's track is not read: a threat is placed whatever its sender wrote there.
        double? saidSpeed = null, course = null;
        if (kind != CotKind.Hostile && (CotFields.Motion(f.Speed, "speed", out saidSpeed) ?? CotFields.Motion(f.Course, "course", out course)) is { } badTrack)
        {
            return Refuse(xml, RejectReason.InvalidValue, $"event {f.Uid} track: {badTrack}", f.Uid);
        }

        // iTAK says a speed it does not know as -1 (and its course then as 0): no speed, and no course with it. Taken as
        // a speed, it refused every report an iPad or iPhone sent.
        var speed = saidSpeed is >= 0 ? saidSpeed : null;
        return kind == CotKind.Hostile
            ? Hostile(xml, f, position, fixTime, ce, hae, le)
            : CotOutcome.Of(IncomingReport.Parsed(ReportSource.CoT, xml, new PositionReport(
                f.Uid, ReportSource.CoT, fixTime, position, hae, ce,
                speed, speed is null ? null : course, SenderText.Said(f.Callsign, InputLimits.MaxCallsignChars), CotRoles.Hint(f.Role),
                AltitudeDatum: datum, VerticalAccuracyM: hae is null ? null : le, StaleAt: staleAt)));
    }

    // A marker placed by hand carries no ce (9999999): its uncertainty is unknown, not a guess.
    private CotOutcome Hostile(string xml, CotFields f, GeoPoint position, DateTimeOffset time, double? ce, double? hae, double? le)
    {
        if (!position.IsValid)
        {
            return Refuse(xml, RejectReason.InvalidCoordinates, $"hostile marker at {f.Lat},{f.Lon} is outside WGS84 ranges", f.Uid);
        }

        DateTimeOffset? stale = TryTime(f.Stale, out var s) ? s : null;
        var id = options.ThreatPerUid ? f.Uid! : "T1";
        var threat = new Threat(id, position, ce, ThreatPhase.Active, StaleAfter: stale,
            AltitudeM: hae, AltitudeDatum: hae is null ? null : AltitudeDatum.Ellipsoid, VerticalAccuracyM: hae is null ? null : le,
            // A uid too long to record as one is no marker a deletion can name: the threat is still placed.
            Marker: f.Uid!.Length <= InputLimits.MaxIdChars ? f.Uid : null,
            Name: SenderText.Said(f.Callsign, InputLimits.MaxCallsignChars), Remarks: SenderText.Said(f.Remarks, MarkerRemarksChars, freeText: true));
        return new CotOutcome(null, threat, $"cot:{f.Uid}", xml, time, PlacedBy: SenderText.Said(f.ProducedBy, PlacedByChars), PlacedFrom: f.LinkUid);
    }

    /// <summary>
    /// A TAK alert: an emergency a unit's own device raised (<c>b-a-o-tbl</c> "911 Alert", <c>b-a-o-opn</c> "Troops In
    /// Contact", <c>b-a-o-pan</c> "Ring The Bell", <c>b-a-o-c</c> a custom one) or cancelled (<c>b-a-o-can</c>). ATAK
    /// sends it as an event of its own, uid <c>&lt;device&gt;-9-1-1</c>, linked p-p to the device, with an
    /// <c>emergency</c> element naming it, at the device's position. The unit is the linked device, or the uid without
    /// its suffix; its time is checked as a fix's is.
    /// </summary>
    private static CotOutcome Alert(string xml, CotFields f)
    {
        var unitId = f.LinkUid ?? (f.Uid!.EndsWith(AlertSuffix, StringComparison.Ordinal) && f.Uid.Length > AlertSuffix.Length ? f.Uid[..^AlertSuffix.Length] : f.Uid);
        if (f.LinkUid is { } link && (link.Any(char.IsControl) ? "alert's link uid holds control characters" : InvisibleCharacters.Refusal("alert's link uid", link)) is { } badLink)
        {
            // The link names the unit as an event's uid does, and is held to what an event's uid is.
            return Refuse(xml, RejectReason.InvalidValue, $"{badLink}", f.Uid);
        }

        if ((NullIfBlank(f.Time) ?? NullIfBlank(f.Start)) is not { } timeText || !TryTime(timeText, out var sent))
        {
            return Refuse(xml, RejectReason.MissingField, $"alert {f.Uid} has no time it was sent (an ISO 8601 time or start attribute)", unitId);
        }

        var cancelled = f.Type == CancelType || f.EmergencyCancel;
        var kind = SenderText.Said(f.EmergencyType, AlertNameChars) ?? AlertNames.GetValueOrDefault(f.Type!, "Alert");
        GeoPoint? at = f.HasPoint && TryNumber(f.Lat ?? "", out var lat) && TryNumber(f.Lon ?? "", out var lon) && new GeoPoint(lat, lon) is { IsValid: true } p
            && !(lat == 0 && lon == 0) ? p : null;
        return new CotOutcome(null, Actor: $"cot:{unitId}", Raw: xml, Time: sent, Alert: new UnitAlert(unitId, kind, cancelled, at));
    }

    /// <summary>
    /// A device deleted a map item: the item the event's first link names (ATAK sends the deletion under its own uid,
    /// the item in a link), or, with no link, the event's own uid, as some servers send it. Its time is checked as a
    /// fix's: a server passing on a deletion from minutes ago says nothing of now.
    /// </summary>
    private static CotOutcome Deletion(string xml, CotFields f)
    {
        var deleted = f.FirstLinkUid ?? f.Uid!;
        if ((NullIfBlank(f.Time) ?? NullIfBlank(f.Start)) is not { } timeText || !TryTime(timeText, out var sent))
        {
            return Refuse(xml, RejectReason.MissingField, $"deletion of {CotFields.Clip(deleted)} has no time it was sent (an ISO 8601 time or start attribute)", f.Uid);
        }

        var linked = f.LinkUid is { } device && device != deleted && device != f.Uid ? device : null;
        return new CotOutcome(null, Actor: $"cot:{f.Uid}", Raw: xml, Time: sent, Deletion: new DeletedMarker(deleted, f.Uid!, Linked: linked));
    }

    // What of a marker's remarks the threat keeps: a line a commander reads at a glance.
    private const int MarkerRemarksChars = 200;

    // What of a marker's maker its actor names: as much as a refusal shows of a sender's text.
    private const int PlacedByChars = 33;

    /// <summary>The CoT type of a deletion of a map item.</summary>
    public const string DeleteType = "t-x-d-d";

    // What of an alert's own name is kept: as much as a board row's badge shows.
    private const int AlertNameChars = 33;

    private const string AlertTypes = "b-a-o-";
    private const string CancelType = "b-a-o-can";
    private const string AlertSuffix = "-9-1-1";

    // What an alert is called where its emergency element does not say.
    private static readonly Dictionary<string, string> AlertNames = new(StringComparer.Ordinal)
    {
        ["b-a-o-tbl"] = "911 Alert",
        ["b-a-o-opn"] = "Troops In Contact",
        ["b-a-o-pan"] = "Ring The Bell",
        ["b-a-o-c"] = "Custom alert",
        ["b-a-o-can"] = "Alert",
    };

    // A friendly, neutral or unknown marker someone put on the map (ATAK and iTAK mark it how h-g-i-g-o, and link it
    // p-p to whoever placed it) says where something was seen, not where a unit is. A hostile one is kept: the threat
    // is placed by hand by design.
    private static string? HandPlaced(CotFields f) =>
        f.How?.StartsWith(PlacedOnMap, StringComparison.Ordinal) == true ? $"a marker placed by hand (how {PlacedOnMap})"
        : f.ProducedBy is { } by ? $"a marker produced by {CotFields.Clip(by)} (link relation p-p)"
        : null;

    private const string PlacedOnMap = "h-g-i-g-o";

    // What a ground atom of a unit's affiliation marks, in words.
    private static string Affiliation(string type) => type[2] switch
    {
        'f' or 'a' => "friendly",
        'n' => "neutral",
        _ => "unknown",
    };

    // A device that reports itself where its user put it (how h-e, human estimated; its position's source User: an
    // iPad or a desk with no GPS, or a phone whose user set its location) has no fix to judge: its dot stays where it
    // was put, and an officer walking in with it would be flagged as holding. Both must say so: a source of User alone
    // is written by some bridges over real fixes.
    private static bool SetByHand(CotFields f) =>
        f.How == HumanEstimated && string.Equals(f.GeopointSource, "User", StringComparison.OrdinalIgnoreCase);

    private const string HumanEstimated = "h-e";

    private const char ByteOrderMark = '\uFEFF';

    // The root of a TAK client's log-in message.
    private const string LogInRoot = "auth";

    private static CotOutcome Refuse(string xml, RejectReason reason, FormattableString detail, string? uid = null) =>
        CotOutcome.Of(IncomingReport.Refused(ReportSource.CoT, xml, new Rejection(reason, FormattableString.Invariant(detail)), uid));

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // CoT times are XML dateTimes (ISO 8601): 2026-03-14T15:00:00.000Z, or with an offset; one without a zone is UTC.
    // Nothing else is a time, however a culture would read it. Its seconds may have any number of decimals (Go's and
    // Java's writers give nine): those past the seventh, a tenth of a microsecond, are dropped.
    private static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(ToTicks(text), IsoTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string? ToTicks(string? text)
    {
        const int Fraction = 20, MostDigits = 7;
        if (text is null || text.Length <= Fraction + MostDigits || text[Fraction - 1] != '.')
        {
            return text;
        }

        var end = Fraction;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - Fraction <= MostDigits ? text : string.Concat(text.AsSpan(0, Fraction + MostDigits), text.AsSpan(end));
    }

    private static readonly string[] IsoTimes = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
