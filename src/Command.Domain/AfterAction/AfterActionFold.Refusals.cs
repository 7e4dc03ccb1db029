using Command.Domain.Events;
using Command.Domain.Validation;

namespace Command.Domain.AfterAction;

/// <summary>What the fold says of reports refused: a unit's runs of them, a second device's episodes, and units never enrolled.</summary>
public sealed partial class AfterActionFold
{
    private readonly Dictionary<string, SecondDeviceEpisode> secondDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnenrolledReports> unenrolled = new(StringComparer.Ordinal);
    private readonly HashSet<string> unenrolledBeyond = new(StringComparer.Ordinal);

    // A run of a unit's reports refused, logged once at its start when it ends: with the report accepted after it (of
    // fixTime), or with the recording. Where that report's fix was older as it came than a fix may be, the run was of a
    // backlog its device held, refused as too old as it came and taken once the fixes after it showed it held (the only
    // way so old a fix is taken): said so, or the log reads as if the fixes its late-fix line counts were lost.
    private void LogRefusals(UnitTally unit, DateTimeOffset? acceptedAt, DateTimeOffset? fixTime = null)
    {
        if (unit.EndRefusals() is not { } run)
        {
            return;
        }

        if (run.Reason == RejectReasons.Name(RejectReason.SecondDevice))
        {
            SecondDevice(unit.UnitId, run, acceptedAt ?? run.Since);
            return;
        }

        var reports = run.Count == 1 ? "1 report" : $"{run.Count} reports";
        var until = (acceptedAt, fixTime) switch
        {
            ({ } at, { } fix) when run.Reason == "too-old" && at - fix > Validation.ValidationOptions.Default.MaxAge =>
                $"until {at.UtcDateTime:HH:mm:ss} UTC, when the fixes its device held from before them were taken, as its fixes after them showed them held, not stamped wrong (see its late fixes)",
            ({ } at, _) => $"until one was accepted at {at.UtcDateTime:HH:mm:ss} UTC",
            _ => "and none accepted after",
        };
        Log(run.Since, unit.UnitId, "refused", $"{reports} refused {until}; the last for {run.Reason}: {run.Detail}");
    }

    // A second device reporting as the unit (a cloned install, two phones on one identifier) has its reports refused
    // between those taken from the unit's own, each refused run ended by the next taken: one line a run flooded a unit's
    // log with sixty. Runs of it within SecondDeviceGap of one another are one episode, said once where it began.
    private void SecondDevice(string unitId, RefusalRun run, DateTimeOffset lastAt)
    {
        if (secondDevices.TryGetValue(unitId, out var episode) && run.Since - episode.LastAt <= SecondDeviceGap)
        {
            secondDevices[unitId] = episode with { Count = episode.Count + run.Count, LastAt = lastAt, Detail = run.Detail };
            return;
        }

        SaySecondDevice(unitId);
        secondDevices[unitId] = new SecondDeviceEpisode(run.Since, run.Count, lastAt, run.Detail);
    }

    private void SaySecondDevice(string unitId)
    {
        if (!secondDevices.Remove(unitId, out var episode))
        {
            return;
        }

        var reports = episode.Count == 1 ? "1 report" : $"{episode.Count} reports";
        var span = episode.LastAt > episode.Since ? $"{episode.Since.UtcDateTime:HH:mm:ss}–{episode.LastAt.UtcDateTime:HH:mm:ss} UTC" : $"at {episode.Since.UtcDateTime:HH:mm:ss} UTC";
        Log(episode.Since, unitId, "refused",
            $"{reports} refused {span} as from a second device, between those taken from its own: two devices may be reporting as this unit; the last: {episode.Detail}");
    }

    private static readonly TimeSpan SecondDeviceGap = TimeSpan.FromMinutes(2);

    // A device that reported as a unit this incident never enrolled (enrolled in another incident, refused as unknown) was
    // in no document: "the medic's tracker sent all drill and was never on the board" is what an after-action team must
    // read. Said in incident command's log, once a unit, for the first MostUnenrolled of them (a spoofer makes up ids).
    private void Unenrolled(string unitId, DateTimeOffset at, InputRejected refused)
    {
        if (unenrolled.TryGetValue(unitId, out var seen))
        {
            unenrolled[unitId] = seen with { Count = seen.Count + 1, LastAt = at, Reason = RejectReasons.Name(refused.Reason), Detail = refused.Detail };
        }
        else if (unenrolled.Count < MostUnenrolled)
        {
            unenrolled[unitId] = new UnenrolledReports(at, 1, at, RejectReasons.Name(refused.Reason), refused.Detail);
        }
        else
        {
            unenrolledBeyond.Add(unitId);
        }
    }

    private void SayUnenrolled()
    {
        foreach (var (unitId, seen) in unenrolled.Where(u => !units.ContainsKey(u.Key)))
        {
            var reports = seen.Count == 1 ? "1 report" : $"{seen.Count} reports";
            var span = seen.LastAt > seen.Since ? $"{seen.Since.UtcDateTime:HH:mm:ss}–{seen.LastAt.UtcDateTime:HH:mm:ss} UTC" : $"at {seen.Since.UtcDateTime:HH:mm:ss} UTC";
            Log(seen.Since, null, "refused-unenrolled",
                $"{reports} of unit '{unitId}', which this incident never enrolled, refused {span}: its device reported, and it was never on the board; the last for {seen.Reason}: {seen.Detail}");
        }

        if (unenrolledBeyond.Count(id => !units.ContainsKey(id)) is var more and > 0)
        {
            Log(unenrolled.Values.Min(u => u.Since), null, "refused-unenrolled",
                $"Reports of {more} more units this incident never enrolled were refused too (only the first {MostUnenrolled} are named)");
        }

        // Said once, however often the report is built.
        unenrolled.Clear();
        unenrolledBeyond.Clear();
    }

    private const int MostUnenrolled = 50;

    private sealed record UnenrolledReports(DateTimeOffset Since, int Count, DateTimeOffset LastAt, string Reason, string Detail);
}
