using Command.Domain.Reports;
using Command.Domain.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Ingest.Intake;

/// <summary>
/// How far each device's clock is off this host's, learned from its reports, and its fix times put right by it. A
/// phone whose clock runs 30 s fast had every report refused as a future fix; one 30 s slow (or a host whose own clock
/// runs 30 s fast, as a laptop in a command post with no time server does after a few weeks) was shown stale however
/// often it reported, and a stale unit's hold is never flagged. A report's lag is the time it arrived less the time it
/// says its fix was taken: the network's delay where the clocks agree. Where the latest reports of new fixes, at least
/// <see cref="Agreeing"/> arriving apart (<see cref="Apart"/>) over at least <see cref="Over"/>, lag alike (within
/// <see cref="Spread"/>) by more than <see cref="ValidationOptions.MaxFutureSkew"/> from what the device's clock was
/// taken to be, it is taken to be off by the least of those lags (the report the network delayed least), and every
/// later report of the device is moved by that much: its fix time and the time it says the fix stands. Of reports that
/// arrive together (a batch, or a backlog sent after an outage) only the newest counts. A single report stamped wrong,
/// or a backlog, is no such run, and is screened as it came; so is a fix sent again (a client retrying what was not
/// answered: its lag grows with each try) or one older than the newest heard. A clock set back (a phone found fast,
/// then set right) gives fixes older than the newest heard: those, each newer than the one before, make a run of their
/// own, so it is heard as it is as soon as a clock set forward is; a phone 5 min fast set right had every report
/// refused for 5 min. A clock a day or more off is not put right: that is not a clock that drifted. Devices are told
/// apart by the unit they report for; one not heard for <see cref="Forgotten"/> is forgotten, and at most
/// <see cref="MostDevices"/> are kept.
/// The reports refused for their time while a device's clock was still being learned are kept (the latest
/// <see cref="Remembered"/>), and once it is learned those that lag as the run it was learned from are given back,
/// timed by it (<see cref="Release"/>): a radio every 30 s whose clock ran fast lost its first minute of fixes.
/// </summary>
public sealed partial class DeviceClocks(ValidationOptions options, ILogger<DeviceClocks>? logger = null)
{
    /// <summary>Fewest reports in a row whose lags must agree before a device's clock is taken as off: 3.</summary>
    public const int Agreeing = 3;

    /// <summary>The least time those reports must arrive over: 10 s (a phone reporting every second makes eleven).</summary>
    public static readonly TimeSpan Over = TimeSpan.FromSeconds(10);

    /// <summary>The most reports of a device remembered: enough for a phone's ten seconds.</summary>
    public const int Remembered = 12;

    /// <summary>How far apart the lags of those reports may be: 3 s, a mobile network's delay varying.</summary>
    public static readonly TimeSpan Spread = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How far apart those reports must arrive: half a second, so that a batch or a backlog sent at once counts as one
    /// (by its least delayed report), and a phone reporting every second still makes a run.
    /// </summary>
    public static readonly TimeSpan Apart = TimeSpan.FromMilliseconds(500);

    /// <summary>Furthest off a clock is put right: a day.</summary>
    public static readonly TimeSpan MostOff = TimeSpan.FromDays(1);

    /// <summary>A device not heard from this long is forgotten: 15 minutes.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(15);

    /// <summary>Most devices whose clocks are followed: 20,000; beyond that, new ones are screened as they come.</summary>
    public const int MostDevices = 20_000;

    private readonly ILogger logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Dictionary<string, Device> devices = new(StringComparer.Ordinal);
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// The report as this host's clock would have stamped it: moved by how far its device's clock is taken to be off
    /// (learned from this report and those before it), or as it came where it is not.
    /// </summary>
    public PositionReport Retime(PositionReport report, DateTimeOffset receivedAt)
    {
        var offset = Observe(report.UnitId, report.Source, report.FixTime, receivedAt);
        return PutRight(report, offset);
    }

    /// <summary>
    /// Keeps a report of the device, as it was sent, refused for its time (a future fix, one too old, or one older than the
    /// latest its incident took) where it lags otherwise than the clock its device is taken to keep, so that it can be given
    /// back once the run of its reports says how far that clock is off now (see <see cref="Release"/>).
    /// </summary>
    public void Refused(PositionReport report, DateTimeOffset receivedAt)
    {
        lock (devices)
        {
            if (devices.TryGetValue(report.UnitId, out var device) && ((receivedAt - report.FixTime) - device.Offset).Duration() > Spread)
            {
                device.Refused(report, receivedAt);
            }
        }
    }

    /// <summary>
    /// The reports of the device reporting for <paramref name="unitId"/> refused for their time while its clock was being
    /// learned, oldest first, timed as this host would have stamped them, now that it is: those whose lag agrees with the
    /// clock it is taken to keep (within <see cref="Spread"/>), fixed before <paramref name="before"/>. Each is given back
    /// once; the others stay kept, for a clock still being learned.
    /// </summary>
    public IReadOnlyList<PositionReport> Release(string unitId, DateTimeOffset before)
    {
        lock (devices)
        {
            if (!devices.TryGetValue(unitId, out var device))
            {
                return [];
            }

            var offset = device.Offset;
            return [.. device.TakeRefused(r => ((r.ReceivedAt - r.Report.FixTime) - offset).Duration() <= Spread && r.Report.FixTime + offset < before)
                .Select(r => PutRight(r.Report, offset))];
        }
    }

    /// <summary>The report as this host would have stamped it, its device's clock taken to be behind by <paramref name="offset"/>.</summary>
    public static PositionReport PutRight(PositionReport report, TimeSpan offset) => offset == TimeSpan.Zero ? report
        : report with { FixTime = report.FixTime + offset, StaleAt = report.StaleAt + offset, ClockCorrectionS = Math.Round(offset.TotalSeconds, 1) };

    /// <summary>
    /// Whether this host follows the clock of the device reporting for <paramref name="unitId"/>: false for one it has
    /// not heard (since it started, or for <see cref="Forgotten"/>), whose clock an incident may have learned already.
    /// </summary>
    public bool Knows(string unitId)
    {
        lock (devices)
        {
            return devices.ContainsKey(unitId);
        }
    }

    /// <summary>
    /// Takes the clock a device was found to keep from <paramref name="latest"/>, its unit's latest fix an incident took
    /// (<see cref="PositionReport.ClockCorrectionS"/>), for a device this host does not follow yet whose report over
    /// <paramref name="source"/> arrived at <paramref name="receivedAt"/>: so a host started again, or another host the
    /// device now reaches, puts its reports right from the first, not after a run of them refused as out of order. Only
    /// where that fix came over the same source, within <see cref="Forgotten"/>: another device of the unit, or one not
    /// heard for long, is learned afresh. Its reports go on teaching the clock, so one put right on the device meanwhile is
    /// heard as it is once they agree.
    /// </summary>
    public void Recall(PositionReport latest, ReportSource source, DateTimeOffset receivedAt)
    {
        if (latest.ClockCorrectionS is not { } correction || correction == 0 || latest.Source != source || receivedAt - latest.FixTime > Forgotten
            || TimeSpan.FromSeconds(Math.Abs(correction)) >= MostOff)
        {
            return;
        }

        var offset = TimeSpan.FromSeconds(correction);
        lock (devices)
        {
            if (devices.ContainsKey(latest.UnitId) || devices.Count >= MostDevices)
            {
                return;
            }

            devices[latest.UnitId] = Device.Recalled(offset, receivedAt);
        }

        var (seconds, behind) = (Math.Round(offset.Duration().TotalSeconds, 1), offset > TimeSpan.Zero);
        LogRecalled(logger, latest.UnitId, source, seconds, behind ? "behind" : "ahead of", behind ? "later" : "earlier");
    }

    /// <summary>How far the clock of the device reporting for <paramref name="unitId"/> is taken to be behind this host's (negative: ahead).</summary>
    public TimeSpan OffsetOf(string unitId)
    {
        lock (devices)
        {
            return devices.TryGetValue(unitId, out var device) ? device.Offset : TimeSpan.Zero;
        }
    }

    private TimeSpan Observe(string unitId, ReportSource source, DateTimeOffset fixTime, DateTimeOffset receivedAt)
    {
        TimeSpan before, after;
        lock (devices)
        {
            Sweep(receivedAt);
            if (!devices.TryGetValue(unitId, out var device))
            {
                if (devices.Count >= MostDevices)
                {
                    return TimeSpan.Zero;
                }

                devices[unitId] = device = new Device();
            }

            before = device.Offset;
            device.Heard(fixTime, receivedAt, options.MaxFutureSkew);
            device.Learn(options.MaxFutureSkew);
            after = device.Offset;
        }

        if (after != before)
        {
            if (after == TimeSpan.Zero)
            {
                LogAgrees(logger, unitId, source);
            }
            else
            {
                LogOff(logger, unitId, source, Math.Round(after.Duration().TotalSeconds, 1), after > TimeSpan.Zero ? "behind" : "ahead of", after > TimeSpan.Zero ? "later" : "earlier");
            }
        }

        return after;
    }

    // Forgets devices not heard from for a while, once a minute at most.
    private void Sweep(DateTimeOffset now)
    {
        if (now < nextSweep)
        {
            return;
        }

        nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (unitId, device) in devices)
        {
            if (now - device.LastHeard > Forgotten)
            {
                devices.Remove(unitId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The device reporting for unit {UnitId} over {Source} keeps a clock {Seconds} s {Way} this host's: its fix times are taken {Seconds} s {Moved}")]
    private static partial void LogOff(ILogger logger, string unitId, ReportSource source, double seconds, string way, string moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "The device reporting for unit {UnitId} over {Source} was found keeping a clock {Seconds} s {Way} this host's before: its fix times are taken {Seconds} s {Moved} from its first report here")]
    private static partial void LogRecalled(ILogger logger, string unitId, ReportSource source, double seconds, string way, string moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "The device reporting for unit {UnitId} over {Source} keeps this host's time again: its fix times are taken as they come")]
    private static partial void LogAgrees(ILogger logger, string unitId, ReportSource source);

    private sealed class Device
    {
        // The lags of its latest new fixes, and of those of a clock set back: fixes older than the newest heard, each newer
        // than the one before it.
        private LagRun heard = new(), setBack = new();
        private DateTimeOffset newest = DateTimeOffset.MinValue, newestSetBack = DateTimeOffset.MinValue;
        private List<(PositionReport Report, DateTimeOffset ReceivedAt)>? refused;

        public void Refused(PositionReport report, DateTimeOffset receivedAt)
        {
            refused ??= [];
            if (refused.Count == Remembered)
            {
                refused.RemoveAt(0);
            }

            refused.Add((report, receivedAt));
        }

        // Those of the reports kept that match, oldest first; the others stay kept.
        public List<(PositionReport Report, DateTimeOffset ReceivedAt)> TakeRefused(Func<(PositionReport Report, DateTimeOffset ReceivedAt), bool> match)
        {
            if (refused is null)
            {
                return [];
            }

            var taken = refused.Where(match).ToList();
            refused.RemoveAll(r => match(r));
            return taken;
        }

        public TimeSpan Offset { get; private set; }

        public DateTimeOffset LastHeard { get; set; } = DateTimeOffset.MinValue;

        public static Device Recalled(TimeSpan offset, DateTimeOffset heardAt) => new() { Offset = offset, LastHeard = heardAt };

        public void Heard(DateTimeOffset fixTime, DateTimeOffset receivedAt, TimeSpan skew)
        {
            LastHeard = receivedAt;
            if (fixTime <= newest)
            {
                // A fix sent again (a client retrying what was not answered) or one older than the newest: its lag grows
                // with the retries, and says nothing of the clock. But fixes that go on from there, each newer than the
                // one before, are a clock set back (a phone found fast, then set right), heard as a run of their own: a
                // fix sent again is no newer than the one before it.
                if (fixTime > newestSetBack)
                {
                    newestSetBack = fixTime;
                    setBack.Add(receivedAt - fixTime, receivedAt);
                }

                return;
            }

            (setBack, newestSetBack) = (new(), DateTimeOffset.MinValue);
            // One stamped ahead of the clock the device is taken to keep is heard, for a clock that jumped ahead is
            // learned from such reports, but is not the newest fix the others are held to: a single stamp an hour
            // ahead (a receiver's time glitch) made every report after it "older", and the clock of a phone 30 s fast
            // was not learned for that hour, every report of it refused as a future fix.
            if (fixTime + Offset - receivedAt <= skew)
            {
                newest = fixTime;
            }

            heard.Add(receivedAt - fixTime, receivedAt);
        }

        // Takes the clock a run of its latest fixes says it keeps, where one says it is off from what it was taken to be.
        public void Learn(TimeSpan skew)
        {
            if (setBack.Run(Offset, skew) is { } back)
            {
                // The clock set back is the one its fixes are held to from here.
                Offset = Kept(back, skew);
                (heard, setBack, newest, newestSetBack) = (setBack, new(), newestSetBack, DateTimeOffset.MinValue);
            }
            else if (heard.Run(Offset, skew) is { } taken)
            {
                Offset = Kept(taken, skew);
            }
        }

        private static TimeSpan Kept(TimeSpan lag, TimeSpan skew) => lag.Duration() < skew ? TimeSpan.Zero : lag;
    }

    // The lags of a device's latest fixes, newest last, each with when it arrived: one for fixes that arrived together
    // (within Apart), the least of them.
    private sealed class LagRun
    {
        private readonly (TimeSpan Lag, DateTimeOffset At)[] heard = new (TimeSpan, DateTimeOffset)[Remembered];
        private int count;

        public void Add(TimeSpan lag, DateTimeOffset receivedAt)
        {
            if (count > 0 && receivedAt - heard[count - 1].At < Apart)
            {
                // Sent with the one before, in a batch or a backlog: of the fixes of many moments that arrive at once,
                // the newest says most of the clock.
                heard[count - 1].Lag = lag < heard[count - 1].Lag ? lag : heard[count - 1].Lag;
                return;
            }

            if (count == Remembered)
            {
                Array.Copy(heard, 1, heard, 0, Remembered - 1);
                count--;
            }

            heard[count++] = (lag, receivedAt);
        }

        // The least lag of a run of its latest fixes, at least Agreeing and arriving over at least Over, that agree
        // and say the clock is off from what it was taken to be (offset) by more than the skew allowed; null when there is none.
        public TimeSpan? Run(TimeSpan offset, TimeSpan skew)
        {
            if (count < Agreeing)
            {
                return null;
            }

            var (least, most) = (heard[count - 1].Lag, heard[count - 1].Lag);
            for (var i = count - 1; i >= 0; i--)
            {
                (least, most) = (heard[i].Lag < least ? heard[i].Lag : least, heard[i].Lag > most ? heard[i].Lag : most);
                if (count - i >= Agreeing && heard[count - 1].At - heard[i].At >= Over)
                {
                    return most - least <= Spread && (least - offset).Duration() > skew && least.Duration() < MostOff ? least : null;
                }
            }

            return null;
        }
    }
}
