namespace Command.Host.Replays;

/// <summary>
/// Someone at a replay's controls: the name the record shows, the identity behind it (a person's id, which someone added
/// again under a removed person's name does not inherit; a token's id), and whether they may drive any replay
/// (<see cref="Access.Rights.DriveAnyReplay"/>) or only one they opened.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayCaller(string Name, string Id, bool MayDriveAny)
{
    /// <summary>
    /// True when this caller may drive the replay <paramref name="openedBy"/> opened (by name, and by identity
    /// <paramref name="openedById"/>): they opened it, or they may drive any. One opened before identities were kept
    /// (no identity) is matched by its opener's name.
    /// </summary>
    public bool Drives(string openedBy, string openedById) =>
        MayDriveAny || (openedById is { Length: > 0 } ? openedById == Id : openedBy == Name);
}
