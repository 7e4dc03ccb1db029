using Command.Domain.Units;

namespace Command.Domain.AfterAction;

/// <summary>
/// One unit's figures in one round of its drill: a drill started over judges every unit afresh, so what it did in one
/// round (its flags, holds, firsts, closest approach, reports) is never added to, or taken as, another's.
/// </summary>
internal sealed class UnitRound(int number, UnitRole role, DateTimeOffset from)
{
    /// <summary>The round: 1, or the number the start-over that began it gave.</summary>
    public int Number { get; } = number;

    /// <summary>When it began for the unit: its enrolment, or the start-over.</summary>
    public DateTimeOffset From { get; } = from;

    /// <summary>Whether the unit played in it: reported, was flagged, acknowledged or refused (its first round always is); a reassignment alone is not.</summary>
    public bool Played { get; set; }

    // The roles it held in turn in the round, each with the judgement figures earned in it.
    public List<RoleTally> Roles { get; } = [new(role, from)];

    public RoleTally? ContactIn { get; set; }

    public DateTimeOffset? FirstOnSite { get; set; }

    public DateTimeOffset? FirstEntry { get; set; }

    public DateTimeOffset? ReachedContact { get; set; }

    /// <summary>Its times out of contact once it reached the threat, and out of the threat's building once it went in.</summary>
    public Absences FromContact { get; } = new();

    public Absences FromBuilding { get; } = new();

    public TimeSpan TotalFlagged { get; set; }

    public TimeSpan LongestFlagged { get; set; }

    public int FlagsRaised { get; set; }

    public int Acknowledgements { get; set; }

    public double? ClosestM { get; set; }

    public TimeSpan HeldWhileSuppressed { get; set; }

    public int ReportsRefused { get; set; }

    public int ReportsTaken { get; set; }

    public double? ClockCorrectionS { get; set; }

    // The most GPS eras its receiver's dates were put right by in the round, where they were.
    public int? WeekRolloverEras { get; set; }

    // Its longest gap between reports in the round, and whether a host that left the cluster took its fixes with it.
    public ReportGap? LongestGap { get; set; }

    // Where the report before that gap was taken in: the source it reported through may have been down during it.
    public TakenIn? LongestGapThrough { get; set; }

    // The run of its fixes that came in late longest after their time, in the round (see LateDelivery).
    public LateDelivery? LongestLate { get; set; }

    // How often each interval between its reports came, in tenths of a second: its usual interval is their median.
    public SortedDictionary<int, int> Intervals { get; } = [];

    /// <summary>Takes <paramref name="role"/> from <paramref name="at"/>; a role it already holds is no change.</summary>
    public void Reassign(UnitRole role, DateTimeOffset at)
    {
        // A round after the first begins in the role the last ended in; set again as the round begins, it is the round's
        // first role, not a reassignment within it.
        if (Roles is [{ FlagsRaised: 0 } only] && only.From == at && at == From && Number > 1)
        {
            Roles[0] = new RoleTally(role, at);
        }
        else if (role != Roles[^1].Role)
        {
            Roles.Add(new RoleTally(role, at));
        }
    }

    public sealed class RoleTally(UnitRole role, DateTimeOffset from)
    {
        public UnitRole Role { get; } = role;

        public DateTimeOffset From { get; } = from;

        public int FlagsRaised { get; set; }

        public TimeSpan LongestFlagged { get; set; }
    }
}
