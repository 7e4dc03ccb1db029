using Command.Host.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace Command.Host.Tests.Hosting;

public sealed class AccessTokenRedactionTests
{
    [Fact]
    public void A_hub_request_logged_with_its_access_token_is_logged_without_it()
    {
        var logged = new LogEvent(
            DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Request starting {Path}{QueryString}"),
            [new LogEventProperty("Path", new ScalarValue("/hubs/incidents")), new LogEventProperty("QueryString", new ScalarValue("?id=abc&access_token=cmd_secret&x=1"))]);

        new AccessTokenRedaction().Enrich(logged, null!);

        Assert.Equal("Request starting \"/hubs/incidents\"\"?id=abc&access_token=[redacted]&x=1\"", logged.RenderMessage());
    }
}
