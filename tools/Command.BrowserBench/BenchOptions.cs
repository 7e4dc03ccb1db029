namespace Command.BrowserBench;

/// <summary>How long each run settles and measures, which host and which browser, and where to save what the page showed and where its time went.</summary>
internal sealed record BenchOptions(int Seconds, int SettleSeconds, Uri? Url, string Chromium, string? Screenshots, string? Profiles)
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the browser benchmark from inside the repository.");
    }
}
