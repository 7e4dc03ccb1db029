using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>Keeps the access book in <see cref="AccessStorage"/>: written on every change, which are rare.</summary>
public sealed class AccessGrain([PersistentState("book", AccessStorage.Name)] IPersistentState<AccessGrainState> state) : Grain, IAccessGrain
{
    private AccessGrainState Book => state.State;

    /// <summary>The person a name someone typed names, compared as <see cref="PersonName"/> says.</summary>
    private Person? Find(string userName) => PersonName.Find(Book.People.Keys, userName) is { } name ? Book.People[name] : null;

    /// <summary>People kept before each was given an id get one now, once: what they write from here on is bound to it.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Book.People.Values.Any(p => string.IsNullOrEmpty(p.Id)))
        {
            await ChangeAsync(() =>
            {
                foreach (var person in Book.People.Values.Where(p => string.IsNullOrEmpty(p.Id)).ToList())
                {
                    Book.People[person.UserName] = person with { Id = FreshId() };
                }
            });
        }
    }

    public Task<AccessBook?> Read(long knownVersion) => Task.FromResult(knownVersion == Book.Version ? null : Snapshot());

    public Task<Person?> FindPerson(string userName) => Task.FromResult(Find(userName));

    // Names that read as one person in the recording and the logs (a case apart, a look-alike letter) are one name:
    // the second is refused too.
    public Task<AccessRefusal?> AddPerson(Person person) =>
        Book.People.Keys.FirstOrDefault(n => PersonName.Same(n, person.UserName)) is { } taken
            ? Refuse(new AccessRefusal("person-exists", taken == person.UserName
                ? $"someone is already called '{person.UserName}'"
                : $"someone is already called '{taken}', which reads as the same person as '{person.UserName}'"))
            : ChangeAsync(() => Book.People[person.UserName] = person with { Stamp = FreshStamp, Id = FreshId() });

    public async Task<RolesSet> SetRoles(string userName, ImmutableArray<AccessRole> roles, ImmutableArray<AccessRole>? was = null)
    {
        if (Find(userName) is not { } person)
        {
            return new RolesSet(AccessRefusal.UnknownPerson(userName), []);
        }

        var held = person.Roles;
        // Made from roles another admin has changed since: saved, it undid that change unseen (a commander demoted a moment
        // before was a commander again, because a second page still showed them one). Decided here, one change at a time.
        if (was is { } seen && !held.ToHashSet().SetEquals(seen))
        {
            return new RolesSet(new AccessRefusal("roles-changed",
                $"'{person.UserName}' holds {Named(held)} now, not {Named(seen)} as this change was made from: someone changed their roles meanwhile; look at them again and choose"), held);
        }

        // The roles they hold, set again (a second admin saving the same, a page behind the book): nothing changes, and
        // their sessions stand. A fresh stamp signed them out, mid-drill, telling them their roles had changed.
        if (held.ToHashSet().SetEquals(roles))
        {
            return new RolesSet(AccessRefusal.Unchanged(person.UserName), held);
        }

        return new RolesSet(
            !roles.Contains(AccessRole.Admin) && IsLastAdmin(person.UserName)
                ? LastAdmin(person.UserName)
                : await ChangeAsync(() => Book.People[person.UserName] = person with { Roles = roles, Stamp = FreshStamp }),
            held);
    }

    public Task<AccessRefusal?> SetPassword(string userName, string passwordHash) =>
        Find(userName) is { } person
            ? ChangeAsync(() => Book.People[person.UserName] = person with { PasswordHash = passwordHash, Stamp = FreshStamp })
            : Refuse(AccessRefusal.UnknownPerson(userName));

    public Task<AccessRefusal?> ChangeOwnPassword(string userName, string passwordHash, string sessionId, string newSessionId, DateTimeOffset until, DateTimeOffset now) =>
        Find(userName) is { } person
            ? ChangeAsync(() =>
            {
                var stamp = FreshStamp;
                Book.People[person.UserName] = person with { PasswordHash = passwordHash, Stamp = stamp };
                Book.KeptSessions.RemoveAll(s => s.Until <= now);
                Book.KeptSessions.Add(new KeptSession(sessionId, newSessionId, stamp, until));
            })
            : Refuse(AccessRefusal.UnknownPerson(userName));

    public Task<AccessRefusal?> RemovePerson(string userName)
    {
        if (Find(userName) is not { } person)
        {
            return Refuse(AccessRefusal.UnknownPerson(userName));
        }

        return IsLastAdmin(person.UserName) ? Refuse(LastAdmin(person.UserName)) : ChangeAsync(() => Book.People.Remove(person.UserName));
    }

    public Task<AccessRefusal?> IssueToken(MachineToken token)
    {
        // Names are told apart regardless of letter case, as the record's readers tell them: "token:cad" and "token:CAD"
        // read as one integration.
        var namesake = Book.Tokens.Values.Where(t => string.Equals(t.Name, token.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (namesake.FirstOrDefault(t => t.RevokedAt is null) is { } live)
        {
            return Refuse(new AccessRefusal("token-exists", $"a live token is already called '{live.Name}'"));
        }

        // What a token did (notes it wrote, flags it acknowledged, the audit) is recorded under its name: a new token
        // under a revoked one's name would be taken for it, and could amend or withdraw its notes.
        if (namesake.MaxBy(t => t.RevokedAt) is { RevokedAt: { } revoked } used)
        {
            return Refuse(new AccessRefusal("token-name-used",
                $"a token called '{used.Name}' was revoked at {revoked.UtcDateTime:yyyy-MM-dd HH:mm} UTC, and what it did is recorded under that name: give the new token another"));
        }

        return BoundElsewhere(token.Units) is { } refusal ? Refuse(refusal) : ChangeAsync(() => Book.Tokens[token.Id] = token);
    }

    public Task<AccessRefusal?> RevokeToken(string id, DateTimeOffset at) =>
        Book.Tokens.TryGetValue(id, out var token)
            ? ChangeAsync(() => Book.Tokens[id] = token with { RevokedAt = token.RevokedAt ?? at })
            : Refuse(AccessRefusal.UnknownToken(id));

    public Task<AccessRefusal?> AddDevice(DeviceCredential device)
    {
        // Told apart regardless of letter case, as tokens are: "device:Phone-1" and "device:phone-1" read as one in the record.
        if (Book.Devices.Values.FirstOrDefault(d => d.RevokedAt is null && string.Equals(d.Name, device.Name, StringComparison.OrdinalIgnoreCase)) is { } live)
        {
            return Refuse(new AccessRefusal("device-exists", $"a live device credential is already called '{live.Name}'"));
        }

        return BoundElsewhere([device.UnitId]) is { } refusal ? Refuse(refusal) : ChangeAsync(() => Book.Devices[device.Id] = device);
    }

    public Task<AccessRefusal?> RevokeDevice(string id, DateTimeOffset at) =>
        Book.Devices.TryGetValue(id, out var device)
            ? ChangeAsync(() => Book.Devices[id] = device with { RevokedAt = device.RevokedAt ?? at })
            : Refuse(AccessRefusal.UnknownDevice(id));

    public async Task<bool> OpenFirstRun(Person admin, string linkHash, DateTimeOffset expires)
    {
        var first = Book.People.Count == 0;
        // A person who can sign in with a password can let the others in: no link then. Nor for a name that is not an
        // admin yet to set a password, or where another host opened one just now.
        if (!first && (Book.People.Values.Any(p => p.PasswordHash is not null)
            || !Book.People.TryGetValue(admin.UserName, out var standing) || !standing.Roles.Contains(AccessRole.Admin)
            || (Book.LinkHash is not null && Book.LinkExpires > expires - IAccessGrain.LinkReissuedAfter)))
        {
            return false;
        }

        await ChangeAsync(() =>
        {
            if (first)
            {
                Book.People[admin.UserName] = admin with { Stamp = FreshStamp, Id = FreshId() };
            }

            (Book.LinkHash, Book.LinkExpires, Book.LinkPerson) = (linkHash, expires, admin.UserName);
        });
        return true;
    }

    public async Task<PersonEntry?> RedeemLink(string linkHash, DateTimeOffset now)
    {
        if (Book.LinkHash is not { } known || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(known), System.Text.Encoding.ASCII.GetBytes(linkHash)))
        {
            return null;
        }

        var person = Book.LinkPerson;
        // The link is for when nobody can sign in, as no link is printed once someone can: someone who can sign in with
        // a password (added with the bootstrap token meanwhile) lets the others in, and a link left on a console is void.
        var spent = now >= Book.LinkExpires || Book.People.Values.Any(p => p.PasswordHash is not null);
        await ChangeAsync(() => (Book.LinkHash, Book.LinkPerson) = (null, null));
        return !spent && person is not null && Book.People.TryGetValue(person, out var found) ? found.Entry : null;
    }

    public async Task EndSession(string sessionId, DateTimeOffset until, DateTimeOffset now) => await ChangeAsync(() =>
    {
        Book.EndedSessions.RemoveAll(s => s.Until <= now);
        Book.EndedSessions.Add(new EndedSession(sessionId, until));
    });

    private AccessBook Snapshot() => new(
        Book.Version,
        [.. Book.People.Values.OrderBy(p => p.UserName, StringComparer.Ordinal).Select(p => p.Entry)],
        [.. Book.Tokens.Values.OrderBy(t => t.CreatedAt)],
        [.. Book.Devices.Values.OrderBy(d => d.CreatedAt)],
        [.. Book.EndedSessions],
        [.. Book.KeptSessions]);

    /// <summary>
    /// A stamp no one was ever given: the book's next version, so a person removed and added again under the same name
    /// is not taken for their former self (and their former roles) by a cookie kept from before.
    /// </summary>
    private long FreshStamp => Book.Version + 1;

    /// <summary>An id no one was ever given, in this book or one kept before it was lost or reset: random, not counted.</summary>
    private static string FreshId() => Guid.NewGuid().ToString("N");

    // Another admin counts only if they can sign in: one with no password yet would leave nobody able to manage access.
    private bool IsLastAdmin(string userName) =>
        Book.People.TryGetValue(userName, out var person) && person.Roles.Contains(AccessRole.Admin)
        && !Book.People.Values.Any(p => p.UserName != userName && p.Roles.Contains(AccessRole.Admin) && p.PasswordHash is not null);

    // "commander, observer", in the order roles are listed.
    private static string Named(ImmutableArray<AccessRole> roles) => string.Join(", ", roles.Order().Select(AccessRoles.Name));

    private static AccessRefusal LastAdmin(string userName) =>
        new("last-admin", $"'{userName}' is the last admin who can sign in; make someone with a password admin first");

    /// <summary>
    /// A unit answers only to the one live credential bound to it, so a second binding is refused: of the same unit id, or
    /// of one that differs from it only in letter case (<c>ANDROID-A9C014</c> beside <c>android-a9c014</c>). Unit ids are
    /// matched exactly, as a CoT uid is, so the two would be two units, one of them bound to nothing: whichever a device
    /// sends, the binding meant for it would not hold it, and the record would show two units that read as one.
    /// </summary>
    private AccessRefusal? BoundElsewhere(ImmutableArray<string> units)
    {
        foreach (var unit in units)
        {
            if (Book.Tokens.Values.FirstOrDefault(t => t.RevokedAt is null && t.Units.Contains(unit, StringComparer.OrdinalIgnoreCase)) is { } token)
            {
                return Bound(unit, token.Units.First(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase)), token.Actor);
            }

            if (Book.Devices.Values.FirstOrDefault(d => d.RevokedAt is null && string.Equals(d.UnitId, unit, StringComparison.OrdinalIgnoreCase)) is { } device)
            {
                return Bound(unit, device.UnitId, device.Actor);
            }
        }

        return null;
    }

    private static AccessRefusal Bound(string unit, string bound, string actor) => new("unit-already-bound", unit == bound
        ? $"unit '{unit}' is bound to {actor}; revoke that first"
        : $"unit '{bound}', which differs from '{unit}' only in letter case, is bound to {actor}: unit ids are matched exactly, as a device sends them, so name the unit as the device sends it, or revoke that first");

    private async Task<AccessRefusal?> ChangeAsync(Action change)
    {
        change();
        Book.Version++;
        await state.WriteStateAsync();
        return null;
    }

    private static Task<AccessRefusal?> Refuse(AccessRefusal refusal) => Task.FromResult<AccessRefusal?>(refusal);
}
