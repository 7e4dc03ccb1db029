using System.Text.Json;

namespace Command.Domain.Events;

/// <summary>
/// Writes a number exactly as <see cref="Utf8JsonWriter"/> does (its shortest round-trip text), from integers when
/// the value has at most seven decimals: nearly every number a device sends, and every number a frame rounds.
/// The general algorithm costs several times more, and positions are most of what the host writes.
/// </summary>
public static class ShortNumber
{
    private const double Scale = 1e7;
    private const int Decimals = 7;

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        Span<byte> text = stackalloc byte[24];
        if (TryFormat(value, text, out var length))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>
    /// The value's shortest round-trip text, when it is the double nearest a decimal of at most seven places and
    /// between 0.0001 and 100,000,000 in size (or zero): then that decimal is its shortest text, as no shorter one is
    /// as near; outside that range .NET writes exponents or the scaled value is not exact.
    /// </summary>
    public static bool TryFormat(double value, Span<byte> text, out int length)
    {
        length = 0;
        var size = Math.Abs(value);
        if (!double.IsFinite(value) || size >= 1e8 || (size < 1e-4 && (value != 0 || double.IsNegative(value))))
        {
            return false;
        }

        var scaled = Math.Round(value * Scale);
        if (scaled / Scale != value)
        {
            return false;
        }

        var units = (long)Math.Abs(scaled);
        if (value < 0)
        {
            text[length++] = (byte)'-';
        }

        length += Digits(units / (long)Scale, text[length..]);
        var fraction = units % (long)Scale;
        if (fraction == 0)
        {
            return true;
        }

        text[length++] = (byte)'.';
        var places = Decimals;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            places--;
        }

        for (var i = places - 1; i >= 0; i--)
        {
            text[length + i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        length += places;
        return true;
    }

    private static int Digits(long whole, Span<byte> text)
    {
        Span<byte> reversed = stackalloc byte[20];
        var count = 0;
        do
        {
            reversed[count++] = (byte)('0' + (whole % 10));
            whole /= 10;
        }
        while (whole > 0);

        for (var i = 0; i < count; i++)
        {
            text[i] = reversed[count - 1 - i];
        }

        return count;
    }
}
