using System.Text;
using System.Text.Json;

namespace Command.Ingest.Json;

/// <summary>
/// A JSON string read where it may be no text at all: a byte that is not UTF-8 ("Jos\xE9" from a client writing
/// Latin-1) or an escaped half of a surrogate pair ("\ud800" alone) is valid JSON to the tokenizer, and the reader
/// throws only when asked for the string; it answered 500 for a report batch that held one.
/// </summary>
public static class JsonText
{
    /// <summary>What a refusal says of a field whose value is no text, after its name.</summary>
    public const string NotText = "is not text: it holds a byte that is no UTF-8, or an escaped half of a surrogate pair";

    /// <summary>The string the reader is on; false (and null) where it is no text.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>
    /// A property name the reader is on, for a refusal to quote: as sent, or, where it is no text, its bytes read with
    /// the replacement character for what is not.
    /// </summary>
    public static string Name(ref Utf8JsonReader reader) =>
        TryRead(ref reader, out var name) ? name! : Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
}
