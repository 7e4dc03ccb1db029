using Command.Fuzz;
using Command.Fuzz.Live;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Fuzz;

public sealed class LiveFuzzCommandTests
{
    private LiveFuzzArguments? sent;

    [Fact]
    public async Task Live_with_no_options_sends_100000_per_protocol_to_the_default_ports_on_loopback()
    {
        await ToolRun.InvokeAsync(Command(), "live");

        Assert.Equal(("all", "127.0.0.1", new Uri("http://127.0.0.1:5000"), 100_000, 1, 20, 8, 0, "demo"),
            (sent!.Protocol, sent.Host, sent.Api, sent.Count, sent.Seed, sent.PerSender, sent.Parallel, sent.Rate, sent.Incident));
        Assert.Equal(
            new Dictionary<string, int> { ["cot-udp"] = 8087, ["takproto"] = 8087, ["cot-tcp"] = 8087, ["nmea"] = 10110, ["aprs"] = 14580, ["osmand"] = 5055 },
            sent.Ports);
    }

    [Fact]
    public async Task Protocol_ports_and_counts_are_read()
    {
        await ToolRun.InvokeAsync(Command(), "live", "--protocol", "nmea", "--host", "10.0.0.5", "--nmea-port", "20110", "--api", "http://10.0.0.5:8080",
            "--count", "500", "--seed", "4", "--per-sender", "50", "--parallel", "2", "--rate", "5000", "--incident", "radio-drill");

        Assert.Equal(("nmea", "10.0.0.5", 20110, new Uri("http://10.0.0.5:8080"), 500, 4, 50, 2, 5000, "radio-drill"),
            (sent!.Protocol, sent.Host, sent.Ports["nmea"], sent.Api, sent.Count, sent.Seed, sent.PerSender, sent.Parallel, sent.Rate, sent.Incident));
    }

    [Theory]
    [InlineData(new[] { "live", "--protocol", "tak" }, "--protocol must be one of all, cot-udp, takproto, cot-tcp, nmea, aprs, osmand (was 'tak').")]
    [InlineData(new[] { "live", "--host", "radio.local" }, "--host must be an IP address (was 'radio.local').")]
    [InlineData(new[] { "live", "--aprs-port", "70000" }, "--aprs-port must be a whole number from 1 to 65535 (was '70000').")]
    public async Task Wrong_live_command_line_is_named_and_nothing_is_sent(string[] args, string expected)
    {
        var run = await ToolRun.InvokeAsync(Command(), args);

        Assert.Equal((ToolInvocation.UsageError, expected, null), (run.Exit, run.Errors[0], sent));
    }

    private FuzzCommand Command() => new(_ => 0, (arguments, _) =>
    {
        sent = arguments;
        return Task.FromResult(0);
    });
}
