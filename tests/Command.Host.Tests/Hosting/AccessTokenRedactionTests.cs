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

    [Theory]
    [InlineData("?id=abc&access%5Ftoken=cmd_secret&x=1", "?id=abc&access_token=[redacted]&x=1")] // the underscore encoded, as the host still reads it
    [InlineData("?ACCESS_TOKEN=cmd_secret", "?access_token=[redacted]")]
    [InlineData("?%61ccess%5ftoken%3dcmd_secret", "?access_token=[redacted]")]
    [InlineData("?return=%2Fhubs%2Fincidents%3Faccess_token%3Dcmd_secret", "?return=%2Fhubs%2Fincidents%3Faccess_token=[redacted]")] // a sign-in page's return address
    [InlineData("?return=%2Fhubs%2Fincidents%3Faccess%255Ftoken%3Dcmd_secret", "?return=%2Fhubs%2Fincidents%3Faccess_token=[redacted]")]
    public void A_hub_request_whose_access_token_is_spelt_with_percent_encoding_is_logged_without_it(string query, string logged)
    {
        var line = new LogEvent(
            DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("{QueryString}"),
            [new LogEventProperty("QueryString", new ScalarValue(query))]);

        new AccessTokenRedaction().Enrich(line, null!);

        Assert.Equal($"\"{logged}\"", line.RenderMessage());
    }
}
