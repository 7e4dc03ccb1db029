using System.Text.Json;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Host.Live;
using Command.Host.Tests.Support;
using static Command.Host.Tests.Live.FrameMergeTests;

namespace Command.Host.Tests.Live;

public sealed class EncodedFrameTests
{
    private static JsonSerializerOptions HubOptions => HubJson.Options;

    [Fact]
    public void Encoded_frame_reads_exactly_as_the_frame_itself()
    {
        var frame = Frame(7, false, [Unit("A", 90), Unit("B", 40)],
            [new FlagRaised("B", Domain.Assessment.FlagLevel.Watch, "not-closing", "holding 30 s") { Sequence = 6, Time = T0 }],
            [new Threat("T1", new(44, -100), 10, ThreatPhase.Active)]);

        var encoded = JsonSerializer.Serialize(new { frame = new EncodedFrame(frame) }, HubOptions);

        Assert.Equal(JsonSerializer.Serialize(new { frame }, HubOptions), encoded);
        Assert.Contains("\"type\":\"flag-raised\"", encoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_is_written_once_however_many_browsers_it_goes_to()
    {
        var encoded = new EncodedFrame(Frame(1, false, [Unit("A", 90)]), holders: 2);

        Assert.True(encoded.Json(HubOptions).Span == encoded.Json(HubOptions).Span);
    }

    [Fact]
    public void Bytes_stay_intact_until_the_last_browser_has_sent_them()
    {
        var encoded = new EncodedFrame(Frame(1, false, [.. Enumerable.Range(0, 300).Select(i => Unit($"u{i}", i))]), holders: 2);
        var sending = encoded.Json(HubOptions);
        var expected = sending.ToArray();

        encoded.Release();
        // Whatever the pool hands out now must not be the array the second browser is still to send.
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(sending, out var array));
        var scribbled = Enumerable.Range(0, 8).Select(_ => System.Buffers.ArrayPool<byte>.Shared.Rent(array.Array!.Length)).ToList();
        scribbled.ForEach(a => a.AsSpan().Fill((byte)'x'));

        Assert.Equal(expected, sending.ToArray());
        encoded.Release();
        scribbled.ForEach(a => System.Buffers.ArrayPool<byte>.Shared.Return(a));
    }
}
