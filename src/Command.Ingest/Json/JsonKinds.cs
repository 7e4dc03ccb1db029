using System.Text.Json;

namespace Command.Ingest.Json;

/// <summary>
/// How a refusal names a field sent with the wrong kind of value, for every JSON source alike: the field, what it
/// takes and what came instead ("lat must be a number (was a string)"). A field that is there is never called missing:
/// a sender told "unitId is required" looks for a unitId it sent, not at the quotes it left off.
/// </summary>
public static class JsonKinds
{
    /// <summary>"<paramref name="name"/> must be <paramref name="takes"/> (was …)".</summary>
    public static string Wrong(string name, string takes, JsonValueKind sent) => $"{name} must be {takes} ({Sent(sent)})";

    /// <summary>A number field that holds something else; a number a double cannot hold (1e999) says so.</summary>
    public static string NotANumber(string name, JsonValueKind sent) =>
        sent == JsonValueKind.Number ? $"{name} must be a number a double can hold" : Wrong(name, "a number", sent);

    private static string Sent(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "was a string",
        JsonValueKind.Number => "was a number",
        JsonValueKind.True => "was true",
        JsonValueKind.False => "was false",
        JsonValueKind.Object => "was an object",
        JsonValueKind.Array => "was an array",
        JsonValueKind.Null => "was null",
        _ => "was something else",
    };
}
