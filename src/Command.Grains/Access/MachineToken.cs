using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// A bearer token issued to an integration or a device. The token itself is shown once and never stored:
/// <paramref name="Hash"/> is its SHA-256. A device token names the units it may report for, in any incident.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MachineToken(
    string Id, string Name, ImmutableArray<AccessRole> Roles, ImmutableArray<string> Units, DateTimeOffset Expires, string Hash,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt = null)
{
    /// <summary>Who the recording names for what this token does.</summary>
    public string Actor => $"token:{Name}";
}

/// <summary>
/// A Traccar Client's device identifier, bound to one unit. The identifier is the secret (the app can send nothing
/// else), so only its SHA-256 is kept.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceCredential(string Id, string Name, string UnitId, string Hash, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt = null)
{
    /// <summary>Who the recording names for what this device sends.</summary>
    public string Actor => $"device:{Name}";
}
