using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// What a change of roles did: <paramref name="Refusal"/> when it was refused (or <see cref="AccessRefusal.Unchanged"/>),
/// and the roles the person held as the book decided it, <paramref name="Was"/>, so the audit says what was replaced
/// whoever asked for the change and whatever they thought the person held.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RolesSet(AccessRefusal? Refusal, ImmutableArray<AccessRole> Was);
