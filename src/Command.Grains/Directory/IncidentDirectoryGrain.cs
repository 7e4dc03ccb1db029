using System.Collections.Immutable;
using System.Globalization;
using Command.Domain.Validation;

namespace Command.Grains.Directory;

/// <summary>
/// Keeps the list of incidents in durable grain storage (the data folder on one host, Blob in a cluster): after a
/// restart every incident is listed, not only those something has woken since.
/// </summary>
public sealed class IncidentDirectoryGrain([PersistentState("directory", GrainStorage.Durable)] IPersistentState<IncidentDirectoryState> state)
    : Grain, IIncidentDirectoryGrain
{
    private Dictionary<string, IncidentListing> Incidents => state.State.Incidents;

    public async Task<Rejection?> Reserve(string incidentId, int maxOpen, DateTimeOffset at)
    {
        if (Incidents.TryGetValue(incidentId, out var listed))
        {
            return listed.ClosedAt is { } closed
                ? new Rejection(RejectReason.AlreadyExists, string.Create(CultureInfo.InvariantCulture, $"incident '{incidentId}' was closed at {closed:u}; open a new one under another id"))
                : null;
        }

        var open = Incidents.Values.Count(i => i.ClosedAt is null);
        if (open >= maxOpen)
        {
            return new Rejection(RejectReason.LimitReached, $"{open} incidents are open, the most this system keeps open at once (Incidents:MaxOpen); close one first");
        }

        Incidents[incidentId] = new IncidentListing(incidentId, incidentId, at);
        await state.WriteStateAsync();
        return null;
    }

    public async Task Register(IncidentListing listing)
    {
        Incidents[listing.IncidentId] = Incidents.TryGetValue(listing.IncidentId, out var listed) && listed.ClosedAt is not null
            ? listing with { ClosedAt = listed.ClosedAt }
            : listing;
        await state.WriteStateAsync();
    }

    public async Task Closed(string incidentId, DateTimeOffset at)
    {
        if (Incidents.TryGetValue(incidentId, out var listed) && listed.ClosedAt is null)
        {
            Incidents[incidentId] = listed with { ClosedAt = at };
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<IncidentListing>> List() =>
        Task.FromResult(Incidents.Values.OrderBy(i => i.OpenedAt).ThenBy(i => i.IncidentId, StringComparer.Ordinal).ToImmutableArray());

    public async Task<ImmutableArray<IncidentListing>> ClaimExpired(DateTimeOffset now, TimeSpan retainFor)
    {
        var expired = Incidents.Values.Where(i => i.ClosedAt is { } closed && now - closed >= retainFor).ToImmutableArray();
        foreach (var listing in expired)
        {
            Incidents.Remove(listing.IncidentId);
        }

        if (expired.Length > 0)
        {
            await state.WriteStateAsync();
        }

        return expired;
    }
}

[GenerateSerializer]
public sealed class IncidentDirectoryState
{
    [Id(0)]
    public Dictionary<string, IncidentListing> Incidents { get; set; } = new(StringComparer.Ordinal);
}
