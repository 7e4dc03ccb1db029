using Command.Report;
using Spectre.Console;

namespace Command.Tools.Tests.Report;

public sealed class ReadingProgressTests
{
    [Theory]
    [InlineData(ReadingProgress.Threshold - 1, false, false)]
    [InlineData(ReadingProgress.Threshold, false, true)]
    [InlineData(ReadingProgress.Threshold, true, false)]
    public void Only_a_big_session_read_to_a_terminal_gets_a_bar(long totalBytes, bool errorRedirected, bool expected)
    {
        Assert.Equal(expected, ReadingProgress.Wanted(totalBytes, errorRedirected));
    }

    [Fact]
    public async Task Bar_follows_the_bytes_read_and_ends_full_with_the_readers_result()
    {
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            // As on a terminal, where the bar is shown; Wanted keeps it off a redirected stderr.
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });

        var result = await ReadingProgress.ShowAsync(console, 100, progress =>
        {
            progress.Report(40);
            return Task.FromResult("report");
        });

        Assert.Equal(("report", true), (result, error.ToString().Contains("Reading session", StringComparison.Ordinal) && error.ToString().Contains("100%", StringComparison.Ordinal)));
    }
}
