using System.CommandLine;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Cli;

public sealed class UrlOptionTests
{
    private readonly Option<Uri> url = UrlOption.Create("--url", "host");

    [Fact]
    public void Absolute_http_url_is_read()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5000"), new RootCommand { url }.Parse(["--url", "http://127.0.0.1:5000"]).GetValue(url));
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("/api")]
    [InlineData("ftp://host/")]
    public void Anything_but_an_absolute_http_url_is_refused(string text)
    {
        var parsed = new RootCommand { url }.Parse(["--url", text]);

        Assert.Equal([$"--url must be an absolute http or https URL (was '{text}')."], parsed.Errors.Select(e => e.Message));
    }
}
