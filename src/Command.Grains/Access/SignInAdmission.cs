namespace Command.Grains.Access;

/// <summary>
/// Whether a sign-in attempt may have its password checked: admitted, shut out until <see cref="LockedUntil"/>, or to
/// wait for an attempt being checked from the same address to settle.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignInAdmission(bool IsAdmitted, DateTimeOffset? LockedUntil)
{
    public static readonly SignInAdmission Admitted = new(true, null);

    public static readonly SignInAdmission Wait = new(false, null);

    public bool MustWait => !IsAdmitted && LockedUntil is null;

    public static SignInAdmission LockedOut(DateTimeOffset until) => new(false, until);
}
