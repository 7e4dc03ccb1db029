using System.IO.Pipelines;
using System.Text;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

public sealed class FrameReaderTests
{
    private static async Task<List<string>> FramesAsync(string stream)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(stream), TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        var reader = new FrameReader(pipe.Reader, "</event>"u8.ToArray(), keepDelimiter: true, maxFrameBytes: 1024);
        var frames = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            frames.Add(frame.Text);
        }

        return frames;
    }

    [Fact]
    public async Task Whitespace_after_the_last_message_is_no_message()
    {
        // A file sent with nc ends in a newline after its last </event>.
        Assert.Equal(["<event/></event>", "\n<event/></event>"], await FramesAsync("<event/></event>\n<event/></event>\r\n \t\n"));
    }

    [Fact]
    public async Task An_unfinished_message_when_the_stream_ends_is_still_a_message()
    {
        Assert.Equal(["<event/></event>", "\n<event uid='U1'"], await FramesAsync("<event/></event>\n<event uid='U1'"));
    }
}
