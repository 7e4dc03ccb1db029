using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Someone who signs in. <paramref name="Stamp"/> changes whenever their roles or password do, so a cookie issued
/// before the change stops being honoured. No password hash yet means they can sign in only through a one-time link.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Person(string UserName, ImmutableArray<AccessRole> Roles, string? PasswordHash, long Stamp, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>What every host may hold of this person: everything but the password hash.</summary>
    public PersonEntry Entry => new(UserName, Roles, PasswordHash is not null, Stamp, CreatedAt, CreatedBy);
}

/// <summary>A person as hosts and the admin page see them: no password hash, only whether there is one.</summary>
[GenerateSerializer, Immutable]
public sealed record PersonEntry(string UserName, ImmutableArray<AccessRole> Roles, bool HasPassword, long Stamp, DateTimeOffset CreatedAt, string CreatedBy);
