using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Someone who signs in. <paramref name="Stamp"/> changes whenever their roles or password do, so a cookie issued
/// before the change stops being honoured. No password hash yet means they can sign in only through a one-time link.
/// <paramref name="Id"/> is who they are for good, given by the access book when they are added: someone removed and
/// added again under the same name is another person, with another id, and is not the author of what the first wrote.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Person(
    string UserName, ImmutableArray<AccessRole> Roles, string? PasswordHash, long Stamp, DateTimeOffset CreatedAt, string CreatedBy, string Id = "")
{
    /// <summary>What every host may hold of this person: everything but the password hash.</summary>
    public PersonEntry Entry => new(UserName, Roles, PasswordHash is not null, Stamp, CreatedAt, CreatedBy, Id);
}

/// <summary>A person as hosts and the admin page see them: no password hash, only whether there is one.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonEntry(string UserName, ImmutableArray<AccessRole> Roles, bool HasPassword, long Stamp, DateTimeOffset CreatedAt, string CreatedBy, string Id = "");
