using Command.Simulation.Engine;
using Command.Simulator.Load;
using Command.Simulator.Play;
using Command.Tools.Cli;

namespace Command.Simulation.Tests.Simulator;

public sealed class CommandLineTests
{
    private const string Url = "http://127.0.0.1:5000";

    [Fact]
    public async Task Options_flags_and_numbers_are_read()
    {
        var run = await SimulatorRun.InvokeAsync("play", "--url", Url, "--speed", "10", "--loop");

        Assert.Equal((0, new PlayArguments(new Uri(Url), "demo", null, new DrillOptions { Speed = 10, Loop = true })), (run.Exit, run.Played));
    }

    [Fact]
    public async Task Load_defaults_are_one_incident_of_ten_units_at_100_reports_a_second_for_30_seconds()
    {
        var run = await SimulatorRun.InvokeAsync("load", "--url", Url);

        Assert.Equal(new LoadArguments(new Uri(Url), 1, 10, 100, TimeSpan.FromSeconds(30), 8), run.Loaded);
    }

    [Theory]
    [InlineData("demo", null, "demo")]
    [InlineData("scenarios/school.json", null, "school")]
    [InlineData("scenarios/school.json", "drill-7", "drill-7")]
    public void Incident_is_the_one_given_else_named_after_the_scenario(string scenario, string? incident, string expected)
    {
        Assert.Equal(expected, new PlayArguments(new Uri(Url), scenario, incident, new DrillOptions()).IncidentId);
    }

    [Theory]
    [InlineData(new[] { "--url", "x" }, "Required command was not provided.")]
    [InlineData(new[] { "play", "--url", Url, "url" }, "Unrecognized command or argument 'url'.")]
    [InlineData(new[] { "play", "--url" }, "Required argument missing for option: '--url'.")]
    [InlineData(new[] { "play", "--url", "127.0.0.1:5000" }, "--url must be an absolute http or https URL (was '127.0.0.1:5000').")]
    [InlineData(new[] { "load", "--url", Url, "--incidents", "-5" }, "--incidents must be a whole number from 1 to 10000 (was '-5').")]
    [InlineData(new[] { "load", "--url", Url, "--rate", "fast" }, "--rate must be a number from 0.01 to 1000000 (was 'fast').")]
    [InlineData(new[] { "play", "--url", Url, "--scenario", "no-such-drill.json" }, "--scenario must be demo or a scenario file that exists (was 'no-such-drill.json').")]
    public async Task Malformed_command_lines_say_what_is_wrong_and_run_nothing(string[] args, string expected)
    {
        var run = await SimulatorRun.InvokeAsync(args);

        Assert.Equal((ToolInvocation.UsageError, expected, null, null), (run.Exit, run.Errors[0], run.Played, run.Loaded));
    }

    [Fact]
    public async Task A_scenario_file_whose_name_is_no_scenario_name_is_refused_before_anything_is_played()
    {
        var folder = Directory.CreateTempSubdirectory("sim-name-");
        try
        {
            var file = Path.Combine(folder.FullName, "night_shift.json");
            await File.WriteAllTextAsync(file, "{}", TestContext.Current.CancellationToken);

            var run = await SimulatorRun.InvokeAsync("play", "--url", Url, "--scenario", file);

            Assert.Equal(
                (ToolInvocation.UsageError, "--scenario's file name is the name its drill is recorded by, 1-64 letters, digits and '-' (was 'night_shift'); rename the file.", null),
                (run.Exit, run.Errors[0], run.Played));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task No_verb_is_refused()
    {
        var run = await SimulatorRun.InvokeAsync();

        Assert.Equal(ToolInvocation.UsageError, run.Exit);
        Assert.Equal(["Required command was not provided."], run.Errors);
    }

    [Fact]
    public async Task Speed_outside_its_range_is_refused_with_the_range()
    {
        var run = await SimulatorRun.InvokeAsync("play", "--url", Url, "--speed", "100");

        Assert.Equal(["--speed must be a number from 0.25 to 60 (was '100')."], run.Errors);
    }

    [Fact]
    public async Task Misspelt_option_is_refused_rather_than_ignored()
    {
        var run = await SimulatorRun.InvokeAsync("play", "--url", Url, "--sped", "10");

        Assert.Equal((ToolInvocation.UsageError, "Unrecognized command or argument '--sped'.", null), (run.Exit, run.Errors[0], run.Played));
    }

    [Fact]
    public async Task Required_option_missing_is_named()
    {
        var run = await SimulatorRun.InvokeAsync("load");

        Assert.Equal(["Option '--url' is required."], run.Errors);
    }

    [Theory]
    [InlineData("play", "--speed <speed>")]
    [InlineData("load", "--concurrency <concurrency>")]
    public async Task Help_names_each_verbs_options_and_runs_nothing(string verb, string option)
    {
        var run = await SimulatorRun.InvokeAsync(verb, "--help");

        Assert.Equal((0, true, null, null), (run.Exit, run.Output.Contains(option, StringComparison.Ordinal), run.Played, run.Loaded));
    }
}
