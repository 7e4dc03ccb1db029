using System.Globalization;

namespace Command.Domain.AfterAction;

public sealed partial class AfterActionFold
{
    // After it first reached the threat, a unit's log says when it left contact and when it was back, or it reads as an
    // officer who reached the threat and stayed (one who walked 90 m back out for six minutes read so). Out is where it
    // stands beyond the radius and the assessment's arrival hysteresis for as long as a fall back takes to be plain;
    // back is where it stands in contact as it first reached it; between the two, at the radius, it is where it was.
    private void FollowContact(UnitTally unit, bool inContact, double fromThreatM, DateTimeOffset at)
    {
        var away = unit.Current.FromContact;
        if (inContact)
        {
            // Its time out counts only what was recorded: a host down meanwhile is said beside it, not counted as time seen out.
            var since = away.AwaySince;
            if (away.In(at, Recorded) is { } after)
            {
                var gap = since is { } from && Recorded.NotCounted(from, at) is { } notCounted ? $", {notCounted}" : "";
                Log(at, unit.UnitId, "contact-again", $"Back at the threat (contact), after {Durations.Clock(after)} out of contact{gap}");
            }
        }
        else if (fromThreatM > options.ContactRadiusM + options.ContactHysteresisM)
        {
            if (away.Out(at, options.LeftAfter, Recorded) is { } left)
            {
                Log(left, unit.UnitId, "left-contact",
                    string.Create(CultureInfo.InvariantCulture, $"Left contact with the threat: {fromThreatM:0} m from it {Durations.Clock(Recorded.Elapsed(left, at))} later"));
            }
        }
        else
        {
            away.AtEdge();
        }
    }

    // The same for the threat's building, once it went in: out of it for as long, or back inside, said with its time out
    // as a return to contact is (one back in after a minute read as one back in after ten).
    private void FollowBuilding(UnitTally unit, bool inside, DateTimeOffset at)
    {
        var away = unit.Current.FromBuilding;
        if (inside)
        {
            var since = away.AwaySince;
            if (away.In(at, Recorded) is { } after)
            {
                var gap = since is { } from && Recorded.NotCounted(from, at) is { } notCounted ? $", {notCounted}" : "";
                Log(at, unit.UnitId, "entry-again", $"Entered the threat's building again, after {Durations.Clock(after)} out of it{gap}");
            }
        }
        else if (away.Out(at, options.LeftAfter, Recorded) is { } left)
        {
            Log(left, unit.UnitId, "left-building", "Left the threat's building");
        }
    }
}
