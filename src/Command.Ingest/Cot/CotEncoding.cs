using System.Globalization;
using System.Text;

namespace Command.Ingest.Cot;

/// <summary>An event's bytes read as text, or, where they cannot be, why (the text then read as UTF-8, for the record).</summary>
internal readonly record struct CotText(string Text, string? Refusal = null);

/// <summary>
/// Reads an event's bytes in the encoding they are written in, as an XML reader would: a byte order mark says it (UTF-8,
/// UTF-16 or UTF-32), else 16-bit text without one is told by its zero bytes, else the XML declaration names it, else
/// it is UTF-8. A gateway writing ISO-8859-1 or windows-1252 says so in its declaration, and its callsigns read as
/// written, where decoded as UTF-8 they lost every accented letter. Any encoding .NET carries is read (its own, and the
/// code pages it ships with); one it does not, or one in which the event's own declaration does not read, is refused by
/// name, and so are bytes that are no character in the encoding it is read in, UTF-8 too. Never guessed at: a callsign
/// read in the wrong encoding is a wrong callsign.
/// </summary>
internal static class CotEncoding
{
    public static CotText Decode(ReadOnlySpan<byte> message)
    {
        if (Unicode(message) is { } unicode)
        {
            return Strict(message, unicode, unicode.WebName);
        }

        var start = message.TrimStart(Whitespace);
        // UTF-8 declared, as ATAK declares every event, is read without a look-up.
        if (start.StartsWith(Utf8ByteOrderMark) || CotProlog.DeclaredEncoding(start) is not { } declared || declared.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return StrictUtf8(message);
        }

        if (!IsEncodingName(declared))
        {
            return new(Utf8(message), $"encoding '{Shown(declared)}' named in its XML declaration is no encoding's name");
        }

        return Named(declared) switch
        {
            null => new(Utf8(message), $"encoding '{CotFields.Clip(declared)}' named in its XML declaration is not one read here"),
            // US-ASCII is UTF-8's first 128 characters. UTF-16 or UTF-32 declared on 8-bit text is what .NET writes
            // through a StringWriter, sent as UTF-8: its declaration was read as ASCII, so it is no 16-bit text, and was
            // always read as UTF-8.
            { CodePage: Utf8CodePage or AsciiCodePage or Utf16CodePage or Utf16BigEndianCodePage or Utf32CodePage or Utf32BigEndianCodePage } => StrictUtf8(message),
            var encoding => Declared(message, encoding, CotFields.Clip(declared)),
        };
    }

    // In the encoding its declaration names, which must read that declaration back as it was found: one naming EBCDIC
    // in ASCII is not written in EBCDIC.
    private static CotText Declared(ReadOnlySpan<byte> message, Encoding encoding, string name)
    {
        var text = Strict(message, encoding, name);
        return text.Refusal is null && !text.Text.StartsWith("<?xml", StringComparison.Ordinal)
            ? new(Utf8(message), $"encoding '{name}' named in its XML declaration is not the one it is written in: its declaration does not read in it")
            : text;
    }

    // The 16-bit or 32-bit Unicode encoding a byte order mark says, or, with none, that 16-bit text is written in: an
    // 8-bit XML document holds no zero byte, and its first character is ASCII.
    private static Encoding? Unicode(ReadOnlySpan<byte> message) =>
        message.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) ? new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true)
        : message.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]) ? new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true)
        : message.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || (message.Length >= 2 && message[0] != 0 && message[1] == 0) ? new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true)
        : message.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || (message.Length >= 2 && message[0] == 0 && message[1] != 0) ? new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true)
        : null;

    // The encoding of that name, throwing on bytes that are no character in it: .NET's own, or one of the code pages it
    // ships with (windows-1252, ISO-8859-15, KOI8-R, Shift_JIS, …), without registering them for the whole process.
    private static Encoding? Named(string name)
    {
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    private static CotText Strict(ReadOnlySpan<byte> message, Encoding encoding, string name)
    {
        try
        {
            return new(encoding.GetString(message).TrimStart());
        }
        catch (DecoderFallbackException e)
        {
            var bytes = Convert.ToHexString(e.BytesUnknown ?? []);
            return new(Utf8(message), string.Create(CultureInfo.InvariantCulture, $"its bytes do not read as {name}: 0x{bytes} is no character in it"));
        }
    }

    // UTF-8, as XML reads it: a byte that is no UTF-8 is an error, not a replacement character. A gateway that writes
    // ISO-8859-1 and declares nothing sent "Jos\uFFFD" for José, a callsign nobody on the radio uses; refused, it says
    // which byte and where, and that the encoding must be declared.
    private static CotText StrictUtf8(ReadOnlySpan<byte> message)
    {
        try
        {
            return new(StrictUtf8Encoding.GetString(message).TrimStart());
        }
        catch (DecoderFallbackException e)
        {
            var bytes = Convert.ToHexString(e.BytesUnknown ?? []);
            return new(Utf8(message), string.Create(CultureInfo.InvariantCulture,
                $"its bytes are not UTF-8: 0x{bytes} at byte {e.Index} is no character in it (text in another encoding must name it in its XML declaration)"));
        }
    }

    private static readonly UTF8Encoding StrictUtf8Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // UTF-8 with a byte that is no UTF-8 read as the replacement character: the text of a refused event, for the record.
    private static string Utf8(ReadOnlySpan<byte> message) => Encoding.UTF8.GetString(message).TrimStart();

    // XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*.
    private static bool IsEncodingName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    // What of a name that is none is shown: its printable ASCII, clipped.
    private static string Shown(string text) =>
        CotFields.Clip(string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c : '?')));

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private const int Utf8CodePage = 65001;
    private const int AsciiCodePage = 20127;
    private const int Utf16CodePage = 1200;
    private const int Utf16BigEndianCodePage = 1201;
    private const int Utf32CodePage = 12000;
    private const int Utf32BigEndianCodePage = 12001;
}
