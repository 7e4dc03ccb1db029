using System.Collections.Immutable;
using System.Globalization;
using Command.Domain.Events;
using Command.Domain.Sites;
using Command.Domain.Text;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Units;

namespace Command.Grains.Incidents;

// Enrolling many units at once, and giving an incident opened with only an origin its site: all of it or none. A drill
// checked that no other incident held its units, then enrolled them one by one; a unit taken by another incident in
// between refused the drill at its third unit and left the first two enrolled, held by an incident no drill played on.
public sealed partial class IncidentGrain
{
    // Units claimed from their unit grains for an enrolment not yet recorded. This incident holds them already: another
    // incident asking for one meanwhile is refused (the unit grain asks Holds), rather than taking a unit this one enrols.
    private readonly HashSet<string> claiming = new(StringComparer.Ordinal);

    public Task<Rejection?> SetSite(Site site, string actor) => CommandAsync(() => GivenSite(new SiteSet(site, actor)));

    public async Task<Rejection?> EnrolAll(ImmutableArray<UnitToEnrol> units, string actor, SiteSet? site = null)
    {
        // Callsigns are kept composed, however they were typed (CanonicalComposition).
        units = [.. units.Select(u => u with { Callsign = CanonicalComposition.Compose(u.Callsign) })];
        if ((await UnavailableAsync() ?? Missing()) is { } missing)
        {
            return missing;
        }

        // Judged whole before any unit is claimed.
        if (Planned(units, actor, site) is not { } planned)
        {
            return Refusal(units, actor, site);
        }

        var fresh = planned.OfType<UnitEnrolled>().ToList();
        var claimed = new List<IUnitGrain>();
        claiming.UnionWith(fresh.Select(u => u.UnitId));
        try
        {
            foreach (var unit in fresh)
            {
                var grain = GrainFactory.GetGrain<IUnitGrain>(unit.UnitId);
                if (await grain.Claim(new UnitEnrolment(IncidentId, unit.Callsign, unit.Role, clock.GetUtcNow())) is { } taken)
                {
                    await GiveBackAsync(claimed);
                    return taken;
                }

                claimed.Add(grain);
            }

            // Reports folded while the units were claimed may have enrolled one (an incident that enrols units as they
            // report): what is recorded is decided again, now, from what the incident holds.
            var refused = await UnavailableAsync() ?? Missing();
            if ((refused is null ? Planned(units, actor, site) : null) is not { } decided)
            {
                await GiveBackAsync(claimed);
                return refused ?? Refusal(units, actor, site);
            }

            if (await FoldAllAsync(decided) is { } unrecorded)
            {
                await GiveBackAsync(claimed);
                return unrecorded;
            }
        }
        catch
        {
            await GiveBackAsync(claimed);
            throw;
        }
        finally
        {
            claiming.ExceptWith(fresh.Select(u => u.UnitId));
        }

        await PersistAsync();
        return null;
    }

    // The events the enrolment records, in order (the site first, then each unit's enrolment or new role), or null when
    // it is refused (see Refusal).
    private List<IncidentEvent>? Planned(ImmutableArray<UnitToEnrol> units, string actor, SiteSet? site) =>
        Decide(units, actor, site, out var planned) is null ? planned : null;

    private Rejection? Refusal(ImmutableArray<UnitToEnrol> units, string actor, SiteSet? site) => Decide(units, actor, site, out _);

    private Rejection? Decide(ImmutableArray<UnitToEnrol> units, string actor, SiteSet? site, out List<IncidentEvent> planned)
    {
        planned = [];
        if (site is not null && GivenSite(site) is var given && (given.Rejection ?? InputLimits.Check(given.Event!)) is { } badSite)
        {
            return badSite;
        }

        if (site is not null)
        {
            planned.Add(site);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var together = new CallsignBook();
        foreach (var unit in units)
        {
            if (!seen.Add(unit.UnitId))
            {
                return new Rejection(RejectReason.InvalidValue, $"unit '{Clip(unit.UnitId)}' is named twice in one enrolment");
            }

            if (stream.Projection.Units.TryGetValue(unit.UnitId, out var known))
            {
                if (known.Role != unit.Role)
                {
                    planned.Add(new UnitRoleChanged(unit.UnitId, unit.Role, actor));
                }

                continue;
            }

            var enrolled = new UnitEnrolled(unit.UnitId, unit.Callsign, unit.Role, actor, unit.Person?.Name, unit.Person?.Agency, unit.Person?.IcsPosition);
            if (InputLimits.Check(enrolled) is { } invalid)
            {
                return invalid with { Detail = $"unit '{Clip(unit.UnitId)}': {invalid.Detail}" };
            }

            // Checked against the units enrolled already and the ones enrolled with it, once it is known to be a callsign at all.
            if ((CallsignClash(unit.UnitId, unit.Callsign) ?? together.Clash(unit.UnitId, unit.Callsign)?.Refuses(unit.Callsign, "enrolled with it")) is { } clash)
            {
                return clash;
            }

            together.Took(unit.UnitId, unit.Callsign);
            planned.Add(enrolled);
        }

        return null;
    }

    /// <summary>
    /// The site an incident opened with only an origin is given: judged by the rules every site obeys (when recorded), and
    /// refused where the incident has a site of its own already, or where it would move the origin every fix and track of
    /// the incident is measured from.
    /// </summary>
    private Decision GivenSite(SiteSet given)
    {
        var (site, current) = (given.Site, stream.Projection.Site!);
        if (site.Origin != current.Origin)
        {
            return Decision.Refuse(RejectReason.InvalidValue, string.Create(CultureInfo.InvariantCulture,
                $"site {site.Name}'s origin {site.Origin.Latitude:0.#######},{site.Origin.Longitude:0.#######} is not incident '{IncidentId}''s {current.Origin.Latitude:0.#######},{current.Origin.Longitude:0.#######}: every fix and track of the incident is measured from its origin, which does not move"));
        }

        return SiteGround.IsOriginOnly(current)
            ? Decision.Do(given)
            : Decision.Refuse(RejectReason.AlreadyExists, string.Create(CultureInfo.InvariantCulture,
                $"incident '{IncidentId}' already has its site {current.Name} ({SiteGround.Counted(current)}); a site is given only to an incident opened with only an origin, and one already set is not overwritten"));
    }

    // Claims this enrolment made are given back: the units it did not record are free for any incident.
    private async Task GiveBackAsync(List<IUnitGrain> claimed)
    {
        foreach (var unit in claimed)
        {
            await unit.Released(IncidentId);
        }

        claimed.Clear();
    }

    // Folds the inputs into one batch and records it whole: a batch that cannot be recorded leaves nothing of it (the
    // incident starts again from its recording).
    private async Task<Rejection?> FoldAllAsync(IReadOnlyList<IncidentEvent> inputs)
    {
        lastInput = clock.GetUtcNow();
        var batch = new List<IncidentEvent>(inputs.Count + 4);
        foreach (var input in inputs)
        {
            if (stream.Record(input, lastInput, batch) is { } refused)
            {
                // Judged before it was folded, an input is refused here only by a fold that failed: recorded as refused,
                // the incident starts again from its recording.
                await RecordAsync(batch);
                return refused;
            }
        }

        try
        {
            await RecordAsync(batch);
        }
        catch (Exception ex) when (IsRecordingDown(ex))
        {
            return new Rejection(RejectReason.Unavailable, $"incident '{IncidentId}' cannot record now ({ex.GetType().Name}); try again shortly");
        }

        return null;
    }
}

/// <summary>A unit to enrol: who it is, what it is assigned to do, and who staffs it when known.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitToEnrol(string UnitId, string Callsign, UnitRole Role, UnitPerson? Person = null);
