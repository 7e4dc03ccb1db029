using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Everything a host needs to check a credential without asking a grain: people (without password hashes), tokens,
/// device credentials and ended sessions. <paramref name="Version"/> grows with every change, so a host asks only
/// for what is newer than what it holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccessBook(
    long Version, ImmutableArray<PersonEntry> People, ImmutableArray<MachineToken> Tokens, ImmutableArray<DeviceCredential> Devices,
    ImmutableArray<EndedSession> EndedSessions)
{
    public static AccessBook Empty { get; } = new(0, [], [], [], []);
}

/// <summary>A signed-in session ended before its cookie expires (signed out): refused until <paramref name="Until"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record EndedSession(string SessionId, DateTimeOffset Until);
