using Command.Domain.Reports;

namespace Command.Ingest.Intake;

/// <summary>
/// The fixes a device held while it could not send (a phone out of network in a basement or a stairwell, a radio link
/// down) and sent once it could, oldest first: those older than <see cref="Domain.Validation.ValidationOptions.MaxAge"/>
/// are refused as too old as they come, since each alone could be a fix a device's clock stamped wrong; kept here, and
/// given back, oldest first, once the fix after them shows they were a backlog. Before, an officer whose phone lost its
/// network for eight minutes inside the building had his first three minutes there refused and dropped: the after-action
/// team had no track of him, and his log said only that he went unheard.
/// A backlog is told from a clock that runs slow by how it arrives: its fixes come faster than they were taken, so each
/// lags the time it arrived by less than the one before, while a slow clock's lag stays the same. It is taken where at
/// least <see cref="Fewest"/> refused fixes in a row, each newer than the one before and arriving within
/// <see cref="Gap"/> of it, lag less and less, by more than <see cref="DeviceClocks.Spread"/> from first to last, and the
/// fix taken after them goes on so. Each device's latest <see cref="MostPerDevice"/> are kept, for at most
/// <see cref="MostKept"/> reports in all, a device's for <see cref="DeviceClocks.Forgotten"/> after it was last refused.
/// </summary>
public sealed class DeviceBacklogs
{
    /// <summary>Fewest refused fixes that make a backlog: 2 (one alone cannot be told from a clock stamped wrong).</summary>
    public const int Fewest = 2;

    /// <summary>Most refused fixes kept of one device: an hour's at one every 5 s.</summary>
    public const int MostPerDevice = 720;

    /// <summary>Most refused fixes kept in all, whatever the devices: beyond this none are kept until some are given back or forgotten.</summary>
    public const int MostKept = 100_000;

    /// <summary>Longest a backlog's fixes may arrive apart: 10 s (an app sends its next as soon as the last is answered).</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, List<Held>> devices = new(StringComparer.Ordinal);
    private int kept;
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    /// <summary>Keeps a fix of the device reporting for its unit, as it was sent, refused as too old when it arrived at <paramref name="receivedAt"/>.</summary>
    public void TooOld(PositionReport sent, DateTimeOffset receivedAt)
    {
        lock (devices)
        {
            Sweep(receivedAt);
            if (kept >= MostKept && !devices.ContainsKey(sent.UnitId))
            {
                return;
            }

            if (!devices.TryGetValue(sent.UnitId, out var held))
            {
                devices[sent.UnitId] = held = [];
            }

            if (held.Count == MostPerDevice || kept >= MostKept)
            {
                held.RemoveAt(0);
                kept--;
            }

            held.Add(new Held(sent, receivedAt));
            kept++;
        }
    }

    /// <summary>
    /// The backlog a fix of <paramref name="unitId"/> taken at <paramref name="fixTime"/>, arrived at
    /// <paramref name="receivedAt"/>, ends, oldest first, as it was sent; none where the fixes refused before it are no
    /// backlog. <paramref name="offset"/> is how far its device's clock is taken to be behind this host's, by which
    /// <paramref name="fixTime"/> was put right. What was kept of the device before it is let go either way.
    /// </summary>
    public IReadOnlyList<PositionReport> Before(string unitId, DateTimeOffset fixTime, DateTimeOffset receivedAt, TimeSpan offset)
    {
        lock (devices)
        {
            if (!devices.Remove(unitId, out var held))
            {
                return [];
            }

            kept -= held.Count;
            var run = new List<PositionReport>();
            var (nextFix, nextLag, nextAt) = (fixTime, receivedAt - fixTime, receivedAt);
            for (var i = held.Count - 1; i >= 0; i--)
            {
                var (report, at) = held[i];
                var fixedAt = report.FixTime + offset;
                var lag = at - fixedAt;
                if (fixedAt >= nextFix || nextAt - at > Gap || nextAt < at || lag <= nextLag)
                {
                    break;
                }

                run.Add(report);
                (nextFix, nextLag, nextAt) = (fixedAt, lag, at);
            }

            if (run.Count < Fewest)
            {
                return [];
            }

            run.Reverse();
            var (first, last) = (held[^run.Count], held[^1]);
            var shrank = (first.ReceivedAt - first.Report.FixTime) - (last.ReceivedAt - last.Report.FixTime);
            return shrank > DeviceClocks.Spread ? run : [];
        }
    }

    // Lets go of the fixes of devices not refused for a while, once a minute at most.
    private void Sweep(DateTimeOffset now)
    {
        if (now < nextSweep)
        {
            return;
        }

        nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (unitId, held) in devices)
        {
            if (now - held[^1].ReceivedAt > DeviceClocks.Forgotten)
            {
                devices.Remove(unitId);
                kept -= held.Count;
            }
        }
    }

    private readonly record struct Held(PositionReport Report, DateTimeOffset ReceivedAt);
}
