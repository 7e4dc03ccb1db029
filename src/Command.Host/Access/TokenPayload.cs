using System.Collections.Immutable;
using Command.Grains.Access;

namespace Command.Host.Access;

/// <summary>
/// What a machine token carries, sealed by the cluster's data-protection key ring: everything needed to check it
/// (who, which roles, which units, until when), so no grain is asked per request. Revocation is read from the host's
/// copy of the access book.
/// </summary>
public sealed record TokenPayload(string Id, string Name, ImmutableArray<AccessRole> Roles, ImmutableArray<string> Units, DateTimeOffset Expires);
