using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// Tells, of a unit whose fixes are refused for the speed they imply, when the refused ones keep coming from one other
/// place: two devices reporting under one id (an ATAK install cloned onto a second phone, a tracker handed on with its
/// old name) or a sender posing as the unit. The first device's fixes are taken and the second's refused, so the board
/// may show the unit where it is not; a trainer reading "implies 82 m/s" on its row takes it for a glitch. Said in the
/// refusal once the fixes refused, each within <see cref="SamePlaceM"/> (and both fixes' stated accuracy) of the one
/// refused before it, have come from there for <see cref="Lasting"/>. Held by the incident while it is active; a
/// refusal's words are recorded with it, so a replay says what was said.
/// </summary>
public sealed class SecondDevices
{
    /// <summary>How near two refused fixes must be to count as coming from one place: 30 m, and their stated accuracy.</summary>
    public const double SamePlaceM = 30;

    /// <summary>
    /// How long the refused fixes must keep coming from that place before it is said: 10 s, longer than a burst of
    /// multipath that throws a phone's fixes 100 m and more for a few seconds lasts.
    /// </summary>
    public static readonly TimeSpan Lasting = TimeSpan.FromSeconds(10);

    // Each unit's latest fix refused for its speed, and since when its refused fixes have come from around there.
    private readonly Dictionary<string, (PositionReport Latest, DateTimeOffset Since)> refused = new(StringComparer.Ordinal);

    // Where each unit's track holds, and the place a second device keeps sending it to (see UnitPlaces).
    private readonly Dictionary<string, UnitPlaces> places = new(StringComparer.Ordinal);

    /// <summary>
    /// What becomes of <paramref name="report"/> after <paramref name="latest"/>, the unit's latest fix taken, which
    /// <see cref="FixSequence"/> answered with <paramref name="sequence"/>: null to take it (then say so with
    /// <see cref="Took"/>), else its refusal. Two devices far enough apart in time that neither's fixes imply a speed no
    /// one reaches were both taken, in turn: once the unit's fixes have twice left its track for one place and come back
    /// (<see cref="UnitPlaces"/>), a fix from there is refused, <see cref="RejectReason.SecondDevice"/>; and one back on
    /// the track is taken though the fix just before it, from the other place, makes its speed impossible. A fix further
    /// off than its device's stated speed lets it get is held out (<see cref="UnitPlaces.Jumped"/>), and one more from
    /// there after a fix taken on the track is the second device's from then on.
    /// </summary>
    public Rejection? Screen(PositionReport report, PositionReport latest, Rejection? sequence, ValidationOptions options, Incidents.DrillClock? drillClock = null, int round = 1)
    {
        var unit = places.GetValueOrDefault(report.UnitId) is { } known && known.Round == round ? known : null;
        if (sequence is { Reason: RejectReason.ImpliedSpeed } && unit?.Home is { } home && unit.IsAway(latest) && FixSequence.Check(home, report, options, drillClock) is null)
        {
            sequence = null;
        }

        if (sequence is not null)
        {
            if (sequence.Reason == RejectReason.ImpliedSpeed)
            {
                unit?.Refused(report, latest);
            }

            return Explain(report, latest, sequence);
        }

        if (unit is not { Home: { } track })
        {
            return null;
        }

        if (unit.FromSecond(report, drillClock))
        {
            return FromSecond(report, track, unit);
        }

        // A jump its device's speed cannot explain is held out; one more from there after the track's own names the place.
        return unit.Jumped(report, latest, drillClock) ?? (unit.FromSecond(report, drillClock) ? FromSecond(report, track, unit) : null);
    }

    private static Rejection FromSecond(PositionReport report, PositionReport track, UnitPlaces unit) =>
        new(RejectReason.SecondDevice, string.Create(CultureInfo.InvariantCulture,
            $"fix {GreatCircle.DistanceM(track.Position, report.Position):F0} m from where the unit's track holds, from {unit.SecondFound}: two devices may be reporting as this unit"));

    /// <summary>
    /// Follows a fix of the unit taken after <see cref="Screen"/> let it through, in <paramref name="round"/> of the
    /// incident's drill: a drill started over puts its units back where it starts them, and their places are learned afresh.
    /// </summary>
    public void Took(PositionReport report, Incidents.DrillClock? drillClock = null, int round = 1)
    {
        if (!places.TryGetValue(report.UnitId, out var unit) || unit.Round != round)
        {
            places[report.UnitId] = unit = new UnitPlaces(round);
        }

        unit.Took(report, drillClock);
    }

    /// <summary>
    /// The refusal of <paramref name="report"/> after <paramref name="latest"/>, the unit's latest accepted fix, with
    /// what it says of a second device where its fixes refused for their speed keep coming from one place.
    /// </summary>
    public Rejection Explain(PositionReport report, PositionReport latest, Rejection rejection)
    {
        if (rejection.Reason != RejectReason.ImpliedSpeed)
        {
            return rejection;
        }

        var since = refused.TryGetValue(report.UnitId, out var before)
            && GreatCircle.DistanceM(before.Latest.Position, report.Position) <= SamePlaceM + (before.Latest.AccuracyM ?? 0) + (report.AccuracyM ?? 0)
            ? before.Since
            : report.FixTime;
        refused[report.UnitId] = (report, since);
        if (report.FixTime - since < Lasting)
        {
            return rejection;
        }

        var apart = GreatCircle.DistanceM(latest.Position, report.Position);
        return rejection with
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{rejection.Detail}; its refused fixes keep coming from one place {apart:F0} m from those taken: two devices may be reporting as this unit"),
        };
    }
}
