namespace Command.Host.Tests.Browser;

/// <summary>Where screenshots go: the test output folder, and the repository's docs/screenshots when the tests run from a checkout.</summary>
internal static class Screenshots
{
    public static IEnumerable<string> Folders()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "screenshots");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                yield return Path.Combine(dir.FullName, "docs", "screenshots");
                yield break;
            }
        }
    }
}
