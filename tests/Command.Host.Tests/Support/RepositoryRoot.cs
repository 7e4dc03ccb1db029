namespace Command.Host.Tests.Support;

/// <summary>The checkout the tests run from: the folder above the test output that holds Command.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Command.sln above {AppContext.BaseDirectory}");
    }
}
