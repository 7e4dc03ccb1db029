namespace Command.Grains.Access;

/// <summary>How many failed sign-ins one source address may make, and how long it is then shut out.</summary>
/// <param name="MaxFailures">Failures within <paramref name="Window"/> that lock the address out.</param>
/// <param name="Window">How far back failures count.</param>
/// <param name="LockOut">How long the address is then refused, before an admin lifts it or it runs out.</param>
[GenerateSerializer, Immutable]
public sealed record SignInLimits(int MaxFailures, TimeSpan Window, TimeSpan LockOut);

/// <summary>An address shut out of signing in, and until when.</summary>
[GenerateSerializer, Immutable]
public sealed record Lockout(string Address, DateTimeOffset Until, int Failures);
