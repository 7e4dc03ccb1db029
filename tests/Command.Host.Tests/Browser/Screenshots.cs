namespace Command.Host.Tests.Browser;

/// <summary>
/// Where screenshots go: always the test output folder; also the repository's docs/screenshots when
/// COMMAND_UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the checkout clean.
/// </summary>
internal static class Screenshots
{
    public static IEnumerable<string> Folders()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Environment.GetEnvironmentVariable("COMMAND_UPDATE_SCREENSHOTS") != "1")
        {
            yield break;
        }

        yield return Path.Combine(Support.RepositoryRoot.Path, "docs", "screenshots");
    }
}
