using Command.Ingest.Kiss;

namespace Command.Ingest.Tests.Kiss;

/// <summary>AX.25 UI frames and their KISS framing, as a TNC sends them, for the tests.</summary>
internal static class Ax25Frames
{
    /// <summary>A UI frame from <paramref name="source"/> to <paramref name="destination"/> via digipeaters ("WIDE1-1*" has repeated it).</summary>
    public static byte[] Ui(string source, string destination, string information, params string[] via) =>
        Ax25Packet.FromTnc2($"{source}>{string.Join(',', [destination, .. via])}:{information}")!;

    /// <summary>A KISS data frame on <paramref name="port"/>, escaped, between FENDs.</summary>
    public static byte[] Kiss(byte[] frame, int port = 0) => KissDecoder.Encode(frame, port);
}
