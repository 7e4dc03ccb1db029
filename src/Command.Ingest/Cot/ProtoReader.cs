using System.Buffers.Binary;
using System.Text;

namespace Command.Ingest.Cot;

/// <summary>
/// Reads the Protocol Buffers wire format, field by field, over one message's bytes. It reads only what a TAK message
/// needs — varints, 64-bit doubles and length-delimited fields — and skips the rest, as protobuf asks of a reader
/// that meets fields it does not know. Every length is checked against what is left, so no input reads past its
/// message; what does not hold together throws <see cref="ProtoFormatException"/> naming where.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> bytes, string message)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;
    private int at;

    // Wire types: https://protobuf.dev/programming-guides/encoding/ ("Message Structure").
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int Length = 2;
    public const int Fixed32 = 5;

    public readonly bool AtEnd => at >= bytes.Length;

    /// <summary>How many bytes have been read.</summary>
    public readonly int Position => at;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field is 0 or > MaxField)
        {
            throw Fail($"field number {field} is not a field");
        }

        return ((int)field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (AtEnd)
            {
                throw Fail("a number runs past the end");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Fail("a number is longer than ten bytes");
    }

    public double ReadDouble(int wireType, int field)
    {
        Expect(wireType, Fixed64, field);
        if (bytes.Length - at < 8)
        {
            throw Fail($"field {field} runs past the end");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]);
        at += 8;
        return value;
    }

    public ulong ReadUInt64(int wireType, int field)
    {
        Expect(wireType, Varint, field);
        return ReadVarint();
    }

    /// <summary>The bytes of a length-delimited field (a string or an embedded message).</summary>
    public ReadOnlySpan<byte> ReadBytes(int wireType, int field)
    {
        Expect(wireType, Length, field);
        var length = ReadVarint();
        if (length > (ulong)(bytes.Length - at))
        {
            throw Fail($"field {field} says {length} bytes, {bytes.Length - at} are left");
        }

        var value = bytes.Slice(at, (int)length);
        at += (int)length;
        return value;
    }

    public string ReadString(int wireType, int field)
    {
        var raw = ReadBytes(wireType, field);
        try
        {
            return Strict.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"field {field} is not UTF-8 text");
        }
    }

    /// <summary>Passes over a field this reader does not use.</summary>
    public void Skip(int wireType, int field)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                ReadDouble(wireType, field);
                break;
            case Length:
                ReadBytes(wireType, field);
                break;
            case Fixed32 when bytes.Length - at >= 4:
                at += 4;
                break;
            case Fixed32:
                throw Fail($"field {field} runs past the end");
            default:
                // Groups (3, 4) were retired before proto3; 6 and 7 are no wire type.
                throw Fail($"field {field} has wire type {wireType}, which no TAK message uses");
        }
    }

    private readonly void Expect(int wireType, int expected, int field)
    {
        if (wireType != expected)
        {
            throw Fail($"field {field} has wire type {wireType}, not {expected}");
        }
    }

    private readonly ProtoFormatException Fail(string what) => new($"{message}: {what} (at byte {at} of {bytes.Length})");

    // Protobuf's largest field number, 2^29 - 1.
    private const ulong MaxField = (1 << 29) - 1;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

/// <summary>Bytes that are not the protobuf message they claim to be; the message says where.</summary>
internal sealed class ProtoFormatException(string message) : Exception(message);
