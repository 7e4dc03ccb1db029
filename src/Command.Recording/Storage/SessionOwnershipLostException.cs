namespace Command.Recording.Storage;

/// <summary>
/// Another writer took a session's recording over (its incident moved to another host): this writer's append or
/// write did not land, and no later one of its will. Not a storage failure: retrying or spilling would not help.
/// </summary>
public sealed class SessionOwnershipLostException : Exception
{
    public SessionOwnershipLostException(string path, Exception innerException)
        : base($"Another writer holds {path} now; this one may no longer write it.", innerException)
    {
    }

    public SessionOwnershipLostException()
    {
    }

    public SessionOwnershipLostException(string message)
        : base(message)
    {
    }
}
