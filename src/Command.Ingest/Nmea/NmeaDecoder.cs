using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Nmea;

/// <summary>
/// Reads the sentences of one NMEA connection in order, each on its own. State per connection: the unit it is bound
/// to and the last RMC date (GGA, GLL and GNS carry only a time of day). Each RMC, GGA, GLL and GNS is told by its epoch
/// (which sentence, and its time), refused or not, so that <see cref="NmeaEpochs"/> makes one report of one fix. A GLL
/// (position, time and status, as some bridges send alone) is read only on a connection that has sent no RMC, GGA or
/// GNS, and a GNS (NMEA 4.x multi-GNSS fix data, as a receiver may be set to send alone or in GGA's place beside RMC) only
/// on one that has sent no GGA: a receiver that sends those sends its GLL or GNS of the same fix beside them, with nothing
/// they lack. Beside an RMC, a GNS gives its fix's HDOP and altitude, as a GGA would.
/// </summary>
/// <remarks>
/// Binding: the listener may bind the connection to a unit; otherwise the first line <c>UNIT &lt;id&gt;
/// [callsign]</c> does, and a later UNIT line rebinds it. Kenwood FleetSync <c>$PKLDS</c> names its own unit
/// ("fleet-unit") whatever the binding. Blank lines and lines starting with <c>#</c> (the header of a gpsd capture,
/// as gpsfake replays it) are skipped. Dates: a GGA takes the day, among the day before, of and after the
/// last RMC date, that puts it nearest to that RMC fix (so midnight rolls over); before any RMC it takes the
/// day that puts it nearest to the receiving clock. An RMC date a whole number of 1,024-week GPS eras behind the
/// receiving clock is a receiver past its week rollover, and is dated forward by them (see
/// <see cref="NmeaFields.PastWeekRollover"/>); its reports, and those of GGAs dated from it, say by how many
/// (<see cref="PositionReport.WeekRolloverEras"/>). A fix the receiver did not measure (GGA quality 6-8, RMC mode
/// E, M, S or N, GLL status V or mode E, M, S or N, GNS mode N in every constellation or only E, M, S: see <see cref="NmeaFixKinds"/>) is no fix, and so is a GGA or a GNS from 0 satellites in use. A GGA whose HDOP gives an accuracy worse than
/// <paramref name="maxAccuracyM"/> (the screen's limit) is refused here, in the HDOP the receiver sent.
/// </remarks>
public sealed class NmeaDecoder(NmeaOptions options, string? unitId = null, string? callsign = null, double? maxAccuracyM = null)
{
    private DateTimeOffset? lastRmc;
    // The GPS eras the last RMC's date was moved forward by; a GGA dated from it says so too.
    private int? lastRmcEras;
    // Whether the connection has sent an RMC, a GGA, a GNS: its GLLs are then of the fixes those give, and its GNSs, beside
    // a GGA, of the fixes that gives.
    private bool sendsRmc;
    private bool sendsGga;
    private bool sendsGns;

    /// <summary>The unit the connection is bound to, if any.</summary>
    public string? UnitId { get; private set; } = unitId;

    public NmeaLine Decode(string line, DateTimeOffset receivedAt)
    {
        var text = NmeaSentence.Unpadded(line).ToString();
        if (text.Length == 0 || text[0] == '#')
        {
            return NmeaLine.Skipped;
        }

        if (text.Equals("UNIT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UNIT ", StringComparison.OrdinalIgnoreCase))
        {
            return Identify(text);
        }

        if (NmeaSentence.Split(text, options.RequireChecksum, out var f) is { } bad)
        {
            return Refuse(line, bad, UnitId);
        }

        var id = f[0];
        if (id == "PKLDS")
        {
            var unit = f.Length > 13 && f[12].Length > 0 && f[13].Length > 0 ? $"{f[12]}-{f[13]}" : null;
            return unit is null
                ? Refuse(line, new(RejectReason.MissingField, "$PKLDS has no fleet and unit id"), null)
                : Rmc(line, f, unit, null, receivedAt);
        }

        var gll = id.Length == 5 && id.EndsWith("GLL", StringComparison.Ordinal);
        var gns = id.Length == 5 && id.EndsWith("GNS", StringComparison.Ordinal);
        if (id.Length != 5 || !(id.EndsWith("RMC", StringComparison.Ordinal) || id.EndsWith("GGA", StringComparison.Ordinal) || gll || gns))
        {
            return NmeaLine.Skipped;
        }

        if ((gll && (sendsRmc || sendsGga || sendsGns)) || (gns && sendsGga))
        {
            // A receiver that sends RMC, GGA or GNS sends a GLL of the same fix beside them with less, and one that sends GGA
            // a GNS of the same fix with nothing more: its fix is theirs. Beside an RMC alone, a GNS gives what a GGA would.
            return NmeaLine.Skipped;
        }

        if (UnitId is null)
        {
            return Refuse(line, new(RejectReason.MissingField, "the connection has not named its unit (send 'UNIT <id> [callsign]' first)"), null);
        }

        var rmc = id.EndsWith("RMC", StringComparison.Ordinal);
        sendsRmc |= rmc;
        sendsGga |= !(gll || gns || rmc);
        sendsGns |= gns;
        return gll ? Gll(line, f, receivedAt) : gns ? Gns(line, f, receivedAt)
            : rmc ? Rmc(line, f, UnitId, callsign, receivedAt) : Gga(line, f, receivedAt);
    }

    private NmeaLine Identify(string text)
    {
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || parts[1].Length > 64)
        {
            return Refuse(text, new(RejectReason.MissingField, "identification line needs 'UNIT <id> [callsign]' with an id of at most 64 characters"), null);
        }

        UnitId = parts[1];
        // A radio's callsign is cleaned, as any radio's is; its id is judged with its reports, and refused by name.
        callsign = parts.Length > 2 && parts[2].Length <= 64 ? SenderText.Said(parts[2], InputLimits.MaxCallsignChars) : null;
        (lastRmc, lastRmcEras) = (null, null);
        return NmeaLine.Identified;
    }

    private NmeaLine Rmc(string line, string[] f, string unit, string? name, DateTimeOffset receivedAt)
    {
        // $PKLDS is a fix of its own, with no GGA to pair it with.
        var epoch = f[0] == "PKLDS" ? null : EpochOf(NmeaFixSentence.Rmc, f);
        if (f.Length < 10)
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} has {f.Length} fields, expected at least 10"), unit, epoch);
        }

        if (f[2] != "A")
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} status is '{f[2]}', not A (valid)"), unit, epoch);
        }

        // $PKLDS carries its fleet and unit where RMC has its mode.
        if (f[0] != "PKLDS" && f.Length > 12 && NmeaFixKinds.RmcMode(f[12]) is { } mode)
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} mode {f[12]} ({mode}) is not a position fix"), unit, epoch);
        }

        // A receiver before its first almanac, or a serial-to-TCP bridge, may leave the date out: its time of day is dated
        // as a GGA's is, the nearest to now, rather than losing the fix (and the GGA paired with it) for good.
        var undated = f[9].Length == 0;
        if (!NmeaFields.TryTimeOfDay(f[1], out var time) || (!undated && !NmeaFields.TryDate(f[9], out _)))
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} time '{f[1]}' or date '{f[9]}' is not hhmmss / ddmmyy"), unit, epoch);
        }

        var (fixTime, eras) = undated ? (NmeaFields.Nearest(time, lastRmc ?? receivedAt), 0)
            : NmeaFields.PastWeekRollover(new DateTimeOffset((NmeaFields.TryDate(f[9], out var date) ? date : default).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + time, receivedAt);
        int? rolledOver = eras > 0 ? eras : null;
        if (f[0] != "PKLDS" && !undated)
        {
            (lastRmc, lastRmcEras) = (fixTime, rolledOver);
        }

        if (NmeaFields.NotANumber(f, (7, "speed"), (8, "course")) is { } notANumber)
        {
            return Refuse(line, new(RejectReason.InvalidValue, $"{f[0]} {notANumber}"), unit, epoch);
        }

        var knots = NmeaFields.Number(f[7]);
        if (Knots.Check($"{f[0]} speed", knots) is { } badSpeed)
        {
            return Refuse(line, badSpeed, unit, epoch);
        }

        return Fix(line, f, 3, unit, fixTime, epoch, null, null, knots * Knots.ToMps, NmeaFields.Number(f[8]), name, weekRolloverEras: rolledOver);
    }

    private NmeaLine Gga(string line, string[] f, DateTimeOffset receivedAt)
    {
        var epoch = EpochOf(NmeaFixSentence.Gga, f);
        if (f.Length < 10)
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} has {f.Length} fields, expected at least 10"), UnitId, epoch);
        }

        if (f[6] is "" or "0")
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} fix quality is '{f[6]}' (no fix)"), UnitId, epoch);
        }

        if (NmeaFixKinds.GgaQuality(f[6]) is { } quality)
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} fix quality {f[6]} ({quality}) is not a position fix"), UnitId, epoch);
        }

        if (FromNoSatellite(f[7]))
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} says fix quality {f[6]} from 0 satellites in use"), UnitId, epoch);
        }

        if (!NmeaFields.TryTimeOfDay(f[1], out var time))
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} time '{f[1]}' is not hhmmss"), UnitId);
        }

        return Measured(line, f, epoch, time, receivedAt, 11);
    }

    // GNS (NMEA 4.x): time of day, lat, N/S, lon, E/W, a mode per constellation, satellites in use, HDOP, altitude above
    // mean sea level and the geoid's separation. It has no date, so is dated as a GGA is.
    private NmeaLine Gns(string line, string[] f, DateTimeOffset receivedAt)
    {
        var epoch = EpochOf(NmeaFixSentence.Gns, f);
        if (f.Length < 11)
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} has {f.Length} fields, expected at least 11"), UnitId, epoch);
        }

        if (f[6].All(c => c == 'N'))
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} mode is '{f[6]}' (no fix in any constellation)"), UnitId, epoch);
        }

        if (NmeaFixKinds.GnsMode(f[6]) is { } mode)
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} mode {f[6]} ({mode}) is not a position fix"), UnitId, epoch);
        }

        if (FromNoSatellite(f[7]))
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} says mode {f[6]} from 0 satellites in use"), UnitId, epoch);
        }

        if (epoch is not { } fixOf)
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} time '{f[1]}' is not hhmmss"), UnitId);
        }

        return Measured(line, f, epoch, fixOf.TimeOfDay, receivedAt, 10);
    }

    // A fix from no satellite is none, whatever its quality or mode says: a SiRF-II's first GGA after its cold start said
    // quality 1 from 00 satellites, 25 m from its first real fix a second later (gpsd takes it as no fix too). A count
    // left empty says nothing of it, in a GGA as in a GNS.
    private static bool FromNoSatellite(string count) =>
        int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var satellites) && satellites == 0;

    // GGA's and GNS's fix: HDOP (field 8) gives the accuracy, and the altitude (9) above mean sea level, with the geoid's
    // separation (at separationAt), the height above the ellipsoid.
    private NmeaLine Measured(string line, string[] f, NmeaEpoch? epoch, TimeSpan time, DateTimeOffset receivedAt, int separationAt)
    {
        if (NmeaFields.NotANumber(f, (8, "HDOP"), (9, "altitude"), (separationAt, "geoid separation")) is { } notANumber)
        {
            return Refuse(line, new(RejectReason.InvalidValue, $"{f[0]} {notANumber}"), UnitId, epoch);
        }

        var fixTime = NmeaFields.Nearest(time, lastRmc ?? receivedAt);
        var separation = f.Length > separationAt ? NmeaFields.Number(f[separationAt]) : null;
        var altitude = NmeaFields.Number(f[9]) is { } msl ? msl + (separation ?? 0) : (double?)null;
        AltitudeDatum? datum = altitude is null ? null : separation is null ? AltitudeDatum.MeanSeaLevel : AltitudeDatum.Ellipsoid;
        var hdop = NmeaFields.Number(f[8]);
        // HDOP 0 is a receiver with no dilution of precision to give: no accuracy, as a stated 0 m is from any source.
        var accuracy = StatedAccuracy.Of(hdop * options.MetresPerHdop);
        if (accuracy > maxAccuracyM)
        {
            // Said in the HDOP the receiver sent: the metres are this host's reading of it, which no device shows.
            return Refuse(line, new(RejectReason.PoorAccuracy, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{f[0]} HDOP {Figures.Said(hdop!.Value)} ({Figures.Said(accuracy!.Value, "0.#")} m at {options.MetresPerHdop:0.###} m per HDOP) is worse than the {maxAccuracyM:0.###} m limit")), UnitId, epoch);
        }

        return Fix(line, f, 2, UnitId!, fixTime, epoch, altitude, accuracy, null, null, callsign, datum, lastRmcEras);
    }

    // GLL: lat, N/S, lon, E/W, time of day, status and (NMEA 2.3 and later) mode. It has no date, so is dated as a GGA is.
    private NmeaLine Gll(string line, string[] f, DateTimeOffset receivedAt)
    {
        var epoch = f.Length > 5 && NmeaFields.TryTimeOfDay(f[5], out var stamped) ? new NmeaEpoch(NmeaFixSentence.Gll, stamped) : (NmeaEpoch?)null;
        if (f.Length < 7)
        {
            // Before NMEA 2.0 a GLL had neither time nor status: a position of no known time is none to put on the board.
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} has {f.Length} fields, expected at least 7 (position, time and status)"), UnitId, epoch);
        }

        if (f[6] != "A")
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} status is '{f[6]}', not A (valid)"), UnitId, epoch);
        }

        if (f.Length > 7 && NmeaFixKinds.RmcMode(f[7]) is { } mode)
        {
            return Refuse(line, new(RejectReason.NoFix, $"{f[0]} mode {f[7]} ({mode}) is not a position fix"), UnitId, epoch);
        }

        if (epoch is not { } fixOf)
        {
            return Refuse(line, new(RejectReason.Malformed, $"{f[0]} time '{f[5]}' is not hhmmss"), UnitId);
        }

        var fixTime = NmeaFields.Nearest(fixOf.TimeOfDay, lastRmc ?? receivedAt);
        return Fix(line, f, 1, UnitId!, fixTime, epoch, null, null, null, null, callsign, weekRolloverEras: lastRmcEras);
    }

    private static NmeaLine Fix(string line, string[] f, int at, string unit, DateTimeOffset fixTime, NmeaEpoch? epoch, double? altitude, double? accuracy, double? speed, double? course, string? name,
        AltitudeDatum? datum = null, int? weekRolloverEras = null)
    {
        if (!NmeaFields.TryCoordinate(f[at], f[at + 1], 2, out var lat) || !NmeaFields.TryCoordinate(f[at + 2], f[at + 3], 3, out var lon))
        {
            return Refuse(line, new(RejectReason.InvalidCoordinates, $"{f[0]} position '{f[at]},{f[at + 1]},{f[at + 2]},{f[at + 3]}' is not ddmm.mm,N,dddmm.mm,E"), unit, epoch);
        }

        var report = new PositionReport(unit, ReportSource.Nmea, fixTime, new GeoPoint(lat, lon), altitude, accuracy, speed, course, name, AltitudeDatum: datum, WeekRolloverEras: weekRolloverEras);
        return new NmeaLine(NmeaLineKind.Report, IncomingReport.Parsed(ReportSource.Nmea, line, report), epoch);
    }

    // The fix a sentence belongs to, where its time can be read: a refusal of it stands for that fix too.
    private static NmeaEpoch? EpochOf(NmeaFixSentence sentence, string[] f) =>
        f.Length > 1 && NmeaFields.TryTimeOfDay(f[1], out var time) ? new NmeaEpoch(sentence, time) : null;

    private static NmeaLine Refuse(string line, Rejection rejection, string? unit, NmeaEpoch? epoch = null) =>
        new(NmeaLineKind.Report, IncomingReport.Refused(ReportSource.Nmea, line, rejection, unit), epoch);
}
