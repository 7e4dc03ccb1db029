using System.Diagnostics;

namespace Command.LoadTest;

/// <summary>Runs deploy/local/cluster.sh with its arguments and the environment given, and answers its exit code and output.</summary>
internal static class ClusterScript
{
    public static async Task<(int Code, string Output)> RunAsync(string root, IEnumerable<KeyValuePair<string, string>> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(Path.Combine(root, "deploy", "local", "cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var script = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        return (script.ExitCode, $"{await stdout}{await stderr}");
    }
}
