using Command.Host.Hosting;
using Microsoft.Extensions.Options;
using Serilog.Events;
using Serilog.Parsing;

namespace Command.Host.Tests.Hosting;

public sealed class StartRefusalFilterTests
{
    [Fact]
    public void A_start_refused_for_a_setting_leaves_out_the_hosts_error_line_and_its_stack()
    {
        var refused = new OptionsValidationException("Demo", typeof(object), ["Demo:Speed 100 is outside 0.25-60"]);

        Assert.False(new StartRefusalFilter().IsEnabled(Logged(StartRefusalFilter.HostCategory, "Hosting failed to start", refused)));
    }

    [Fact]
    public void A_start_that_faulted_is_still_logged_with_its_stack()
    {
        Assert.True(new StartRefusalFilter().IsEnabled(Logged(StartRefusalFilter.HostCategory, "Hosting failed to start", new IOException("disk failed"))));
    }

    [Fact]
    public void A_service_that_failed_once_started_is_still_logged()
    {
        Assert.True(new StartRefusalFilter().IsEnabled(Logged(StartRefusalFilter.HostCategory, "BackgroundService failed", new InvalidOperationException("kept"))));
    }

    private static LogEvent Logged(string category, string message, Exception exception) => new(
        DateTimeOffset.UnixEpoch, LogEventLevel.Error, exception, new MessageTemplateParser().Parse(message),
        [new LogEventProperty("SourceContext", new ScalarValue(category))]);
}
