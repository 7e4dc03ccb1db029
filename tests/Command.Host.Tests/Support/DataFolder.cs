namespace Command.Host.Tests.Support;

/// <summary>A test's own data folder under the temp directory, and removing it when the test is done with it.</summary>
public static class DataFolder
{
    /// <summary>A new, not yet created, folder for one test's hosts to share.</summary>
    public static string New() => Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Removes the folder. Its hosts are disposed by then, the folder let go (<see cref="CommandHost.DisposeAsync"/>
    /// waits for that), so a file still being written in it is a host that did not stop, and fails the test.
    /// </summary>
    public static void Remove(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
