using System.Globalization;
using System.Xml;
using Command.Ingest.Intake;

namespace Command.Ingest.Cot;

/// <summary>
/// The parts of one CoT event the ingest uses, as the event's text gives them: read from XML in a single forward pass,
/// or set from a TAK protocol message (<see cref="TakMessage"/>), so that one set of checks judges both.
/// </summary>
internal sealed class CotFields
{
    public string? Uid { get; set; }

    public string? Type { get; set; }

    public string? Time { get; set; }

    public string? Start { get; set; }

    /// <summary>How the position was made (<c>m-g</c>: a GPS; <c>h-g-i-g-o</c>: placed by hand on the map).</summary>
    public string? How { get; set; }

    /// <summary>
    /// Who produced the event when a <c>link</c> with relation <c>p-p</c> says another entity did: its
    /// <c>parent_callsign</c>, else its <c>uid</c>; null when no such link.
    /// </summary>
    public string? ProducedBy { get; set; }

    public string? Stale { get; set; }

    /// <summary>The uid a <c>link</c> with relation <c>p-p</c> names: the device that produced the event.</summary>
    public string? LinkUid { get; set; }

    /// <summary>The uid the first <c>link</c> names, whatever its relation: what a deletion (<c>t-x-d-d</c>) deletes.</summary>
    public string? FirstLinkUid { get; set; }

    /// <summary>An alert's <c>emergency</c> element: what it calls itself (its <c>type</c>), and whether it cancels.</summary>
    public string? EmergencyType { get; set; }

    public bool EmergencyCancel { get; set; }

    public string? Lat { get; set; }

    public string? Lon { get; set; }

    public string? Hae { get; set; }

    public string? Ce { get; set; }

    public string? Le { get; set; }

    public string? Callsign { get; set; }

    /// <summary>The text of the event's <c>remarks</c>: what a marker's author wrote of it ("male, black hoodie, rifle").</summary>
    public string? Remarks { get; set; }

    public string? Role { get; set; }

    /// <summary>Where the device's position came from (<c>precisionlocation</c>'s <c>geopointsrc</c>: GPS, User, ???).</summary>
    public string? GeopointSource { get; set; }

    public string? Speed { get; set; }

    public string? Course { get; set; }

    public bool HasPoint { get; set; }

    /// <summary>Reads the event; returns false when the root element is not <c>event</c>.</summary>
    public bool Read(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "event")
        {
            return false;
        }

        Uid = reader.GetAttribute("uid");
        Type = reader.GetAttribute("type");
        Time = reader.GetAttribute("time");
        Start = reader.GetAttribute("start");
        Stale = reader.GetAttribute("stale");
        How = reader.GetAttribute("how");
        string? top = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 1)
            {
                top = reader.LocalName;
                if (top == "point")
                {
                    HasPoint = true;
                    Lat = reader.GetAttribute("lat");
                    Lon = reader.GetAttribute("lon");
                    Hae = reader.GetAttribute("hae");
                    Ce = reader.GetAttribute("ce");
                    Le = reader.GetAttribute("le");
                }
            }
            else if (reader.Depth == 2 && top == "detail")
            {
                ReadDetail(reader);
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the children of a <c>detail</c> element the reader is positioned on, as a TAK message carries the ones it
    /// has no field of its own for (its <c>xmlDetail</c>, wrapped in a <c>detail</c> element). What they say overrides
    /// what was set before, as the TAK protocol asks where a sender put an element in both.
    /// </summary>
    public void ReadDetails(XmlReader reader)
    {
        reader.MoveToContent();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                ReadDetail(reader);
            }
        }
    }

    private void ReadDetail(XmlReader reader)
    {
        switch (reader.LocalName)
        {
            case "contact":
                Callsign = reader.GetAttribute("callsign");
                break;
            case "__group":
                Role = reader.GetAttribute("role");
                break;
            case "remarks" when !reader.IsEmptyElement:
                Remarks ??= TextOf(reader);
                break;
            case "track":
                Speed = reader.GetAttribute("speed");
                Course = reader.GetAttribute("course");
                break;
            case "precisionlocation":
                GeopointSource = reader.GetAttribute("geopointsrc");
                break;
            case "emergency":
                EmergencyType = NonBlank(reader.GetAttribute("type"));
                EmergencyCancel = string.Equals(reader.GetAttribute("cancel"), "true", StringComparison.OrdinalIgnoreCase);
                break;
            case "link":
                FirstLinkUid ??= NonBlank(reader.GetAttribute("uid"));
                if (reader.GetAttribute("relation") == "p-p")
                {
                    LinkUid ??= NonBlank(reader.GetAttribute("uid"));
                    ProducedBy ??= NonBlank(reader.GetAttribute("parent_callsign")) ?? NonBlank(reader.GetAttribute("uid")) ?? "another entity";
                }

                break;
        }
    }

    /// <summary>
    /// A measure of the point (<c>ce</c>, <c>le</c>, <c>hae</c>): null when absent or "unknown" (CoT's 9999999, the TAK
    /// protocol's 999999); a refusal
    /// naming it when it is not a finite number (NaN and infinities are no measure, not even an unknown one) or is outside
    /// <paramref name="low"/> to <paramref name="high"/>.
    /// </summary>
    public static string? Measure(string? text, string name, double low, double high, out double? value)
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return $"{name} '{Clip(text)}' is not a finite number";
        }

        if (IsUnknown(number))
        {
            return null;
        }

        if (number < low || number > high)
        {
            return FormattableString.Invariant($"{name} {number} m is outside {low} to {high} m ({CotUnknown} for unknown)");
        }

        value = number;
        return null;
    }

    /// <summary>
    /// An error of the point (<c>ce</c>, <c>le</c>) as <see cref="Measure"/> reads it, with a stated 0 m unknown as well:
    /// iTAK writes 0.0 when it does not know, and no fix is exact to the millimetre.
    /// </summary>
    public static string? Error(string? text, string name, double high, out double? value)
    {
        var refused = Measure(text, name, 0, high, out value);
        value = StatedAccuracy.Of(value);
        return refused;
    }

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The text within the element the reader is on, however it nests, leaving the reader on its end: the caller's
    // forward pass goes on to the element after it.
    private static string TextOf(XmlReader reader)
    {
        var text = new System.Text.StringBuilder();
        using var inner = reader.ReadSubtree();
        while (inner.Read() && text.Length <= MostTextRead)
        {
            if (inner.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                text.Append(inner.Value);
            }
        }

        return text.ToString();
    }

    // Read no further into a sender's text than any use of it shows.
    private const int MostTextRead = 4096;

    /// <summary>A sender's text cut to 32 characters for a refusal's detail.</summary>
    public static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";

    /// <summary>
    /// A track's <c>speed</c> or <c>course</c>: null when absent, blank or "unknown" (<see cref="IsUnknown"/>); a refusal naming it
    /// when it is there but not a finite number ("NaN", "abc"), as a point's measures are refused. Dropped, the fix was
    /// taken as a unit's that says nothing of its motion, and judged on its fixes alone, with no word why.
    /// </summary>
    public static string? Motion(string? text, string name, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return $"{name} '{Clip(text)}' is not a finite number";
        }

        value = IsUnknown(number) ? null : number;
        return null;
    }

    /// <summary>
    /// Whether a measure or motion says "unknown": 9999999 or 999999 exactly, however written ("9999999.0", "9.999999E6").
    /// Any other number is one, and out of range is refused as such: 1e308 is no mark of anything.
    /// </summary>
    public static bool IsUnknown(double number) => number is CotUnknown or ProtoUnknown;

    /// <summary>CoT's marker for an unknown height or error.</summary>
    public const double CotUnknown = 9999999;

    /// <summary>
    /// The TAK protocol's marker for the same (999999), which TAK's own templates and some senders write in XML too: no
    /// measure of a thousand kilometres, but unknown.
    /// </summary>
    public const double ProtoUnknown = 999999;
}
