namespace Command.Host.Tests.Support;

/// <summary>A test's own data folder under the temp directory, and removing it when the test is done with it.</summary>
public static class DataFolder
{
    /// <summary>A new, not yet created, folder for one test's hosts to share.</summary>
    public static string New() => Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Removes the folder where it can. A file a stopped host's last writer is still finishing (a drill carried on as
    /// its host stopped, say) can make the removal fail: that is left for the OS temp cleaner, not failed as the test.
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
