using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Everything a host needs to check a credential without asking a grain: people (without password hashes), tokens,
/// device credentials, ended sessions and sessions kept across their person's own password change.
/// <paramref name="Version"/> grows with every change, so a host asks only for what is newer than what it holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccessBook(
    long Version, ImmutableArray<PersonEntry> People, ImmutableArray<MachineToken> Tokens, ImmutableArray<DeviceCredential> Devices,
    ImmutableArray<EndedSession> EndedSessions, ImmutableArray<KeptSession> KeptSessions)
{
    public static AccessBook Empty { get; } = new(0, [], [], [], [], []);

    /// <summary>
    /// This book with nothing missing: one answered by a host of the version before sessions were kept (during a rolling
    /// upgrade) arrives without <see cref="KeptSessions"/>, read as a default array that throws when it is looked into.
    /// </summary>
    public AccessBook Whole() => KeptSessions.IsDefault ? this with { KeptSessions = [] } : this;
}

/// <summary>A signed-in session ended before its cookie expires (signed out): refused until <paramref name="Until"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record EndedSession(string SessionId, DateTimeOffset Until);

/// <summary>
/// The session of the browser where a person changed their own password, carried on as <paramref name="NewSessionId"/>
/// (the cookie the change gave that browser, of their <paramref name="Stamp"/> then) until <paramref name="Until"/>, when
/// that cookie would expire: the pages that browser has open on any host go on under it rather than being sent to sign in.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeptSession(string SessionId, string NewSessionId, long Stamp, DateTimeOffset Until);
