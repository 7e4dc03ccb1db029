namespace Command.Host.Tests.Support;

/// <summary>A test's own data folder under the temp directory, and removing it when the test is done with it.</summary>
public static class DataFolder
{
    /// <summary>A new, not yet created, folder for one test's hosts to share.</summary>
    public static string New() => Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Removes the folder where it can. Its hosts are disposed by then and the folder's lock let go
    /// (<see cref="CommandHost.DisposeAsync"/> waits for that), but a host run in process is stopped twice, by its own run
    /// and by the test's factory, and the recording's drain of the second may still be finishing a session's file: that
    /// is left for the OS temp cleaner, not failed as the test.
    /// </summary>
    public static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
