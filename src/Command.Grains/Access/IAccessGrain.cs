using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// The cluster's one book of who may do what: people, machine tokens, device credentials, ended sessions and the
/// first-run link. Keyed <see cref="Key"/>. Hosts keep a copy of the book (<see cref="Read"/>) to check credentials
/// without a grain call per request; only sign-in and changes come here.
/// </summary>
public interface IAccessGrain : IGrainWithStringKey
{
    const string Key = "book";

    /// <summary>The book, or null when it is still at <paramref name="knownVersion"/>.</summary>
    Task<AccessBook?> Read(long knownVersion);

    /// <summary>
    /// A person with their password hash, for signing in; null when there is nobody of that name. Here and wherever a
    /// person is named, names are compared as <see cref="PersonName"/> says.
    /// </summary>
    Task<Person?> FindPerson(string userName);

    /// <summary>Adds a person. Refused when someone's name reads as theirs (<see cref="PersonName"/>).</summary>
    Task<AccessRefusal?> AddPerson(Person person);

    /// <summary>
    /// Replaces a person's roles; their existing sessions end. Refused when it would leave no admin, and when
    /// <paramref name="was"/> (the roles the change was made from, where the caller says) is not what they hold now. The
    /// roles they hold already change nothing: answered <see cref="AccessRefusal.Unchanged"/>, and their sessions stand.
    /// Answers the roles they held as it was decided, for the audit to say what was replaced.
    /// </summary>
    Task<RolesSet> SetRoles(string userName, ImmutableArray<AccessRole> roles, ImmutableArray<AccessRole>? was = null);

    /// <summary>Replaces a person's password hash; their existing sessions end.</summary>
    Task<AccessRefusal?> SetPassword(string userName, string passwordHash);

    /// <summary>
    /// As <see cref="SetPassword"/>, for the person changing their own from <paramref name="sessionId"/>: in the same
    /// change that session is kept as <paramref name="newSessionId"/> until <paramref name="until"/> (a
    /// <see cref="KeptSession"/>), so that no host sees the password changed without seeing that.
    /// </summary>
    Task<AccessRefusal?> ChangeOwnPassword(string userName, string passwordHash, string sessionId, string newSessionId, DateTimeOffset until, DateTimeOffset now);

    /// <summary>Removes a person; their sessions end. Refused for the last admin.</summary>
    Task<AccessRefusal?> RemovePerson(string userName);

    /// <summary>Adds a token. Refused when its name is taken or one of its units is bound to another live credential.</summary>
    Task<AccessRefusal?> IssueToken(MachineToken token);

    Task<AccessRefusal?> RevokeToken(string id, DateTimeOffset at);

    /// <summary>Adds a device credential. Refused when its name is taken or its unit is bound to another live credential.</summary>
    Task<AccessRefusal?> AddDevice(DeviceCredential device);

    Task<AccessRefusal?> RevokeDevice(string id, DateTimeOffset at);

    /// <summary>
    /// While nobody can sign in with a password, opens a one-time link: on a first run (nobody in the book yet) adds
    /// <paramref name="admin"/>; where people are in the book but none has a password (the first admin signed in with
    /// the link and never set one, or let it run out), signs in that admin again where it is in the book with no
    /// password. Keeps the link's hash until <paramref name="expires"/>, in place of any link before; true when this call
    /// did so. With several hosts starting at once, one gets true: a link opened for less than
    /// <see cref="LinkReissuedAfter"/> is not opened again.
    /// </summary>
    Task<bool> OpenFirstRun(Person admin, string linkHash, DateTimeOffset expires);

    /// <summary>How long a one-time link must have been open before a host starting opens another in its place: 30 s.</summary>
    public static readonly TimeSpan LinkReissuedAfter = TimeSpan.FromSeconds(30);

    /// <summary>The person the one-time link signs in, once: null when it is unknown, used or expired.</summary>
    Task<PersonEntry?> RedeemLink(string linkHash, DateTimeOffset now);

    /// <summary>Ends a session (sign-out) until its cookie would have expired anyway.</summary>
    Task EndSession(string sessionId, DateTimeOffset until, DateTimeOffset now);
}
