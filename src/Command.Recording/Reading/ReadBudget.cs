namespace Command.Recording.Reading;

/// <summary>What one listing may still read of recordings before it answers.</summary>
internal sealed class ReadBudget(long bytes)
{
    /// <summary>Takes <paramref name="wanted"/> bytes where that many are left; false, taking none, where not.</summary>
    public bool Take(long wanted)
    {
        if (wanted > bytes)
        {
            return false;
        }

        bytes -= wanted;
        return true;
    }
}
