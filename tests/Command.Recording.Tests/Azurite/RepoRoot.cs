namespace Command.Recording.Tests.Azurite;

/// <summary>The repository root: the first folder above the test binaries that holds Command.sln.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Command.sln above {AppContext.BaseDirectory}.");
    }
}
