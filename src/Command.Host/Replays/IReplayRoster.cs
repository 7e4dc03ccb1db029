using System.Collections.Immutable;

namespace Command.Host.Replays;

/// <summary>
/// The replays open across the cluster, so that anyone who may watch them can find one someone else opened: each replay
/// lists itself when it is opened and whenever it saves its place, and takes itself off when it is closed or closed for
/// idleness. A replay whose host went down stays listed, where it has got to, until it is called again (and so listed
/// anew) or its place lapses. Keyed <see cref="Key"/>.
/// </summary>
public interface IReplayRoster : IGrainWithStringKey
{
    const string Key = "all";

    /// <summary>The replay is open and stands as <paramref name="listing"/> says.</summary>
    Task Listed(ReplayListing listing);

    Task Closed(string replayId);

    /// <summary>
    /// The replays open at <paramref name="now"/> (the replays' clock), first opened first; one whose place lapsed
    /// (<see cref="ReplayPlace.Lapsed"/>) is closed, and taken off the list.
    /// </summary>
    Task<ImmutableArray<ReplayListing>> List(DateTimeOffset now);
}

/// <summary>
/// An open replay as the roster lists it: its status when it last saved its place (at <paramref name="SavedAt"/> of the
/// replays' clock), and who opened it when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayListing(ReplayStatus Status, string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset SavedAt)
{
    public ReplayPlace Place => ReplayPlace.Of(Status, SavedAt);

    /// <summary>
    /// The instant it has reached at <paramref name="now"/>: moved on since it was saved if it plays, never past the end
    /// of its session as it was then; a replay following an incident still open (<see cref="ReplayStatus.Follows"/>) plays
    /// on into what is recorded since, and its session grows with the incident's clock, so never past that end moved on
    /// by the time since.
    /// </summary>
    public DateTimeOffset PositionAt(DateTimeOffset now)
    {
        var at = Place.At(now);
        var end = Status.Follows && now > SavedAt ? Status.LastTime + (now - SavedAt) : Status.LastTime;
        return at < end ? at : end;
    }
}
