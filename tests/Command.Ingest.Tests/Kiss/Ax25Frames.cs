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

    /// <summary>A KISS data frame of an APRS position from <paramref name="source"/>, as a TNC sends what it heard.</summary>
    public static byte[] Position(string source, string info = "!3944.35N/10459.42W>") => Kiss(Ui(source, "APRS", info, "WIDE1-1*"));
}
