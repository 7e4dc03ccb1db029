using System.Globalization;
using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Domain.Units;

namespace Command.Domain.Assessment;

public sealed partial class ClosingAssessment
{
    private void Judge(UnitEntry unit, UnitJudge judge, DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units, List<IncidentEvent> events)
    {
        var target = Nearest(judge);
        var m = judge.Measure(target);
        judge.Settle(now, m);
        Refresh(unit, judge);
        var id = unit.UnitId;
        if (!options.ClosingRoles.Contains(unit.Role))
        {
            // A reassignment ends the hold: back in a closing role, the unit is judged from a new one.
            judge.EndHold();
            string Reassigned() => $"role is {UnitRoles.Name(unit.Role)}, which does not close on the threat";
            flags.Clear(id, now, Reassigned, events);
            suppressedHolds.End(id, now, Reassigned, events);
            return;
        }

        // While flags are suppressed (a threat declared contained or neutralized, none active), units are judged as
        // ever, but a hold is noted rather than flagged.
        var suppressed = m is not null && !m.Target.Threat.IsActive && suppression is not null;
        if (m is null || (!m.Target.Threat.IsActive && !suppressed))
        {
            flags.Clear(id, now, () => "no active threat", events);
            suppressedHolds.End(id, now, () => "no active threat", events);
            return;
        }

        if (suppressed)
        {
            flags.Clear(id, now, () => suppression!.Words, events);
        }
        else
        {
            suppressedHolds.End(id, now, () => "flags apply again: the threat is active", events);
        }

        switch (judge.State)
        {
            case MotionState.Stale or MotionState.Unknown:
                // Silence is shown as stale; it neither raises nor clears what the fixes last showed.
                return;
            case MotionState.Arrived:
                flags.Clear(id, now, () => $"arrived: {m.Arrival.Where}", events);
                suppressedHolds.End(id, now, () => $"arrived: {m.Arrival.Where}", events);
                return;
            case MotionState.Closing:
                // Only real progress ends a hold, so a flag raised in one comes down once, not on every wobble.
                string Closing() => m.ProgressM is not { } gained ? $"closing at {Reasons.Rate(m.RateMps ?? 0)}, {Shown(m)}"
                    : m.WalkedIn ? $"closing at {Reasons.Rate(m.RateMps ?? 0)} (its device says it walked {Reasons.Metres(gained)} toward the threat); {Shown(m)}"
                    : $"closing at {Reasons.Rate(m.RateMps ?? 0)}{(m.SaidProgress ? " (its device says it heads for the threat)" : "")}, {Reasons.Metres(gained)} nearer than where it held; {Shown(m)}";
                flags.Clear(id, now, Closing, events);
                suppressedHolds.End(id, now, Closing, events);
                return;
        }

        if (judge.Episode is null)
        {
            return;
        }

        // Backups are only looked for once a hold is confirmed: a fix from a unit that is closing costs no scan.
        var backupEta = Backups(units).For(id, m.DistanceM);
        var held = judge.HeldS(m, now);
        var over = held - judge.FixGrace(backupEta?.Seconds);

        // The flag says what the board shows: its words, its state and its watch and alert times follow the state the
        // unit is shown in.
        var opening = judge.State == MotionState.Opening;
        var (watch, alert) = opening ? (options.OpeningWatchAfter, options.OpeningAlertAfter) : (options.HoldWatchAfter, options.HoldAlertAfter);
        var level = over >= alert.TotalSeconds ? FlagLevel.Alert : over >= watch.TotalSeconds ? FlagLevel.Watch : FlagLevel.None;
        if (level == FlagLevel.Alert && (m.Climbing || m.NearStairs))
        {
            // On the stairs, horizontal progress says little: a climb is worth watching, not an alert.
            level = FlagLevel.Watch;
        }

        if (suppressed)
        {
            if (level != FlagLevel.None)
            {
                suppressedHolds.Note(id, now, () => $"{Reason(m, held, opening, judge.Episode, backupEta)}; {suppression!.Words}", events);
            }

            return;
        }

        flags.Hold(id, NotClosingRule, level, opening ? MotionState.Opening : MotionState.Holding, now, () => Reason(m, held, opening, judge.Episode, backupEta), events);
    }

    private string Reason(Measurement m, double heldS, bool opening, HoldEpisode? hold, BackupEta? backup) =>
        hold is { FellBack: true }
            ? $"fell back from contact {Reasons.Duration(heldS)} ago{(hold.WalkedOff is { } walked ? $" (its device says it walked {Reasons.Metres(walked.Length)} from there)" : "")}, now {FromThreat(m)}; {Reasons.Backup(backup)}"
            : opening
                ? $"moving away for {Reasons.Duration(heldS)}{(m.SaidAway ? " (its device says it heads away)" : "")}, now {FromThreat(m)}; {Reasons.Backup(backup)}"
                : $"holding {Reasons.Duration(heldS)} at {FromThreat(m)}{(hold is { SaidStill: true } ? " (its device says it stands still)" : "")}{FurtherOut(m, hold)}; {Reasons.Backup(backup)}";

    /// <summary>
    /// Where a holding unit now stands plainly further out than where it stopped, by how much: a radio every 30 s that
    /// walked 60 m back between two reports and stood again was shown "holding 5 min at 176 m" — its walk back, two
    /// reports, too few to show as moving away, and nowhere in its words.
    /// </summary>
    private static string FurtherOut(Measurement m, HoldEpisode? hold)
    {
        var further = hold?.StoppedAtM is { } stopped ? m.DistanceM - stopped : 0;
        return further >= Math.Max(FurtherOutAtLeastM, FurtherOutNoises * m.NoiseM) ? $", {Reasons.Metres(further)} further out than where it stopped" : "";
    }

    // How much further out than where it stopped a holding unit must stand for its flag to say so: metres, and its noise.
    private const double FurtherOutAtLeastM = 15;
    private const double FurtherOutNoises = 3;

    /// <summary>
    /// How far from the threat a flag says the unit is: the board's distance, from its latest fix — unless that reads
    /// as contact while the middle of its last 30 s of fixes, on which its flag rests, is beyond it. Then both, and how
    /// far off its fixes are: "fell back from contact 16 s ago, now 8 m from the threat" was a flag a trainer could
    /// not square with itself, for an officer whose fixes indoors scattered 50 m. Where both read as contact, what keeps
    /// the unit from the threat follows: "holding 2 min at 4 m from the threat, but its device says it stands still
    /// outside Main building" (before, "holding 2 min at 4 m from the threat" alone, through a burst of multipath).
    /// </summary>
    private string FromThreat(Measurement m)
    {
        var contact = m.Target.ArrivalRadiusM + options.ArrivalHysteresisM;
        return m.ShownM > contact ? Shown(m)
            : m.Arrival.SettledM > contact
                ? $"{Reasons.Metres(m.Arrival.SettledM)} from the threat by the middle of its reports (the latest {Reasons.Metres(m.ShownM)}, fixes {Reasons.FixError(m.NoiseM)})"
                : $"{Reasons.Metres(m.ShownM)} from the threat{Apart(m)}";
    }

    /// <summary>
    /// The board's distance in words: "89 m from the threat", and where the walk there goes round walls, so that it is
    /// a quarter longer than the straight line or more, "89 m from the threat by path (34 m straight)". The board shows
    /// both beside each other; a flag read alone, in the flag list or the report, said 89 m of an officer whose dot
    /// stood 34 m from the threat's, south of the building it is in.
    /// </summary>
    private static string Shown(Measurement m) =>
        m.PathM is { } path && path >= PathLongerBy * m.StraightM && path - m.StraightM >= PathLongerAtLeastM
            ? $"{Reasons.Metres(path)} from the threat by path ({Reasons.Metres(m.StraightM)} straight)"
            : $"{Reasons.Metres(m.ShownM)} from the threat";

    // How much longer than the straight line a walk must be, at least as a ratio and in metres, for a flag to say both.
    private const double PathLongerBy = 1.25;
    private const double PathLongerAtLeastM = 5;

    // What keeps the unit from the threat, in words that follow its distance (see KeptApart).
    private static string Apart(Measurement m) => m.Arrival.Apart switch
    {
        KeptApart.OutsideTheBuilding => $", outside {m.Target.BuildingName}",
        KeptApart.SaysItStandsOutside => $", but its device says it stands still outside {m.Target.BuildingName}",
        KeptApart.OnAnotherFloor => string.Create(CultureInfo.InvariantCulture, $", on floor {m.Floor}, the threat on floor {m.Target.KnownFloor}"),
        _ => "",
    };

    /// <summary>
    /// The backup book, rebuilt from every unit when stale. Silent units are left out: where they are now is not
    /// known.
    /// </summary>
    private BackupBook Backups(IReadOnlyDictionary<string, UnitEntry> units)
    {
        if (backups.Stale)
        {
            backups.Clear();
            foreach (var unit in units.Values)
            {
                if (judges.TryGetValue(unit.UnitId, out var judge))
                {
                    Refresh(unit, judge);
                }
            }

            backups.Stale = false;
        }

        return backups;
    }

    /// <summary>Puts a unit in the backup book as it stands now, or takes it out: its distance and its speed, the larger of its closing rate and the assumed approach speed.</summary>
    private void Refresh(UnitEntry unit, UnitJudge judge)
    {
        if (options.ClosingRoles.Contains(unit.Role) && judge.State != MotionState.Stale && judge.Measure(Nearest(judge)) is { } m)
        {
            var distance = judge.State == MotionState.Arrived ? 0 : m.DistanceM;
            backups.Set(unit.UnitId, distance, Math.Max(m.RateMps ?? 0, options.AssumedApproachSpeedMps), judge.State == MotionState.Closing);
        }
        else
        {
            backups.Remove(unit.UnitId);
        }
    }
}
