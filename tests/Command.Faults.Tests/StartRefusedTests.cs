using Command.Faults.Tests.Support;

namespace Command.Faults.Tests;

/// <summary>
/// A host run as its own process that refuses to start for its configuration says why in one line and exits 1, as a
/// service manager expects: no unhandled exception's stack, no abort.
/// </summary>
public sealed class StartRefusedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Recording:Provder", "Blob", "This host cannot start: Recording:Provder is not a recording setting (did you mean Provider?)")]
    [InlineData("Demo:Speed", "fast", "This host cannot start: Demo:Speed is 'fast', which is not a number.")]
    [InlineData("Demo:Speed", "100", "This host cannot start: Demo:Speed 100 is outside 0.25-60")]
    [InlineData("Cluster:SiloPort", "70000", "This host cannot start: Cluster:SiloPort 70000 is not a port: give it one of 1-65535")]
    public async Task A_host_refused_for_a_setting_says_why_in_one_line_and_exits_1(string key, string value, string reason)
    {
        var data = Directory.CreateTempSubdirectory("command-refused-").FullName;
        try
        {
            var (exitCode, output) = await HostProcess.RefusedAsync(Path.Combine(data, "data"), new Dictionary<string, string> { [key] = value }, Ct);

            Assert.True(exitCode == 1, $"exit code {exitCode}:\n{string.Join('\n', output)}");
            var said = Assert.Single(output);
            Assert.StartsWith(reason, said, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
