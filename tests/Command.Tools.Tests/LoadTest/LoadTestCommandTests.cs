using Command.LoadTest;
using Command.Tools.Cli;

namespace Command.Tools.Tests.LoadTest;

public sealed class LoadTestCommandTests
{
    private LoadOptions? ran;

    [Fact]
    public async Task No_options_runs_every_phase_on_fresh_hosts_with_the_documented_defaults()
    {
        await ToolRun.InvokeAsync(Command());

        Assert.Equal(new LoadOptions { Seconds = 10, WarmupSeconds = 10, Incidents = 16, Units = 500, CeilingClients = 20, LatencyRate = 10_000, LatencyClients = 50, Cluster = null, Kills = 5 }, ran);
    }

    [Fact]
    public async Task Cluster_runs_the_ceiling_through_that_many_hosts_with_the_same_load_options()
    {
        await ToolRun.InvokeAsync(Command(), "--cluster", "3", "--seconds", "10", "--warmup", "5", "--only", "ceiling");

        Assert.Equal(new LoadOptions { Cluster = 3, Seconds = 10, WarmupSeconds = 5, Only = "ceiling" }, ran);
    }

    [Fact]
    public async Task Failover_is_a_phase_run_only_when_named_with_its_kills()
    {
        await ToolRun.InvokeAsync(Command(), "--only", "failover", "--kills", "2");

        Assert.Equal((new LoadOptions { Only = "failover", Kills = 2 }, true, false), (ran, ran!.Runs("failover"), ran.Runs("ceiling")));
        Assert.False(new LoadOptions().Runs("failover"));
    }

    [Fact]
    public async Task Every_option_sets_its_value()
    {
        await ToolRun.InvokeAsync(Command(),
            "--url", "http://127.0.0.1:5000", "--seconds", "5", "--warmup", "0", "--incidents", "4", "--units", "100",
            "--clients", "3", "--latency-rate", "2000", "--latency-clients", "7", "--only", "latency", "--kills", "9");

        Assert.Equal(new LoadOptions
        {
            Url = new Uri("http://127.0.0.1:5000"), Seconds = 5, WarmupSeconds = 0, Incidents = 4, Units = 100,
            CeilingClients = 3, LatencyRate = 2000, LatencyClients = 7, Only = "latency", Kills = 9,
        }, ran);
    }

    [Theory]
    [InlineData(new[] { "--seconds", "0" }, "--seconds must be a whole number of at least 1 (was '0').")]
    [InlineData(new[] { "--warmup", "-1" }, "--warmup must be a whole number of at least 0 (was '-1').")]
    [InlineData(new[] { "--clients", "many" }, "--clients must be a whole number of at least 1 (was 'many').")]
    [InlineData(new[] { "--only", "warm" }, "--only must be one of bare, ceiling, latency, scale, failover (was 'warm').")]
    [InlineData(new[] { "--cluster", "0" }, "--cluster must be a whole number from 1 to 8 (was '0').")]
    [InlineData(new[] { "--cluster", "9" }, "--cluster must be a whole number from 1 to 8 (was '9').")]
    [InlineData(new[] { "--kills", "0" }, "--kills must be a whole number of at least 1 (was '0').")]
    [InlineData(new[] { "--cluster", "3", "--url", "http://127.0.0.1:5000" }, "--cluster starts a local cluster of its own: leave out --url.")]
    [InlineData(new[] { "--only", "failover", "--url", "http://127.0.0.1:5000" }, "--only failover starts a local cluster of its own: leave out --url.")]
    [InlineData(new[] { "--cluster", "3", "--only", "latency" }, "--cluster measures the ceiling phase: leave out --only (was 'latency').")]
    [InlineData(new[] { "--scale-units", "0" }, "--scale-units must be a whole number of at least 1 (was '0').")]
    [InlineData(new[] { "--url", "localhost" }, "--url must be an absolute http or https URL (was 'localhost').")]
    [InlineData(new[] { "--phases", "bare" }, "Unrecognized command or argument '--phases'.")]
    public async Task Bad_option_is_named_and_nothing_is_loaded(string[] args, string expected)
    {
        var run = await ToolRun.InvokeAsync(Command(), args);

        Assert.Equal((ToolInvocation.UsageError, expected, null), (run.Exit, run.Errors[0], ran));
    }

    private LoadTestCommand Command() => new(options =>
    {
        ran = options;
        return Task.FromResult(0);
    });
}
