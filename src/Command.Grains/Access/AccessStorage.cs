namespace Command.Grains.Access;

/// <summary>
/// The storage provider people, tokens and device credentials persist through. Never memory: they must outlive a
/// restart in every mode, so the host backs it with a file in its data folder (one host) or with the cluster's Blob
/// storage (several), and the same grain serves both.
/// </summary>
public static class AccessStorage
{
    public const string Name = "access";
}
