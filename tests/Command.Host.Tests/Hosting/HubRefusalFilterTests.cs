using Command.Host.Hosting;
using Microsoft.AspNetCore.SignalR;
using Serilog.Events;
using Serilog.Parsing;

namespace Command.Host.Tests.Hosting;

public sealed class HubRefusalFilterTests
{
    [Fact]
    public void A_hub_call_refused_on_purpose_leaves_out_signalrs_error_line()
    {
        Assert.False(new HubRefusalFilter().IsEnabled(Failed(HubRefusalFilter.DispatcherCategory, new HubException("incident 'x' does not exist"))));
    }

    [Fact]
    public void A_hub_call_that_faulted_is_still_logged_as_an_error_with_its_stack()
    {
        Assert.True(new HubRefusalFilter().IsEnabled(Failed(HubRefusalFilter.DispatcherCategory, new InvalidOperationException("the grain did not answer"))));
    }

    [Fact]
    public void A_hub_exception_logged_anywhere_else_is_kept()
    {
        Assert.True(new HubRefusalFilter().IsEnabled(Failed("Command.Host.Live.IncidentHub", new HubException("kept"))));
    }

    private static LogEvent Failed(string category, Exception exception) => new(
        DateTimeOffset.UnixEpoch, LogEventLevel.Error, exception, new MessageTemplateParser().Parse("Failed to invoke hub method '{HubMethod}'."),
        [new LogEventProperty("HubMethod", new ScalarValue("Join")), new LogEventProperty("SourceContext", new ScalarValue(category))]);
}
