using System.Text.Json;
using System.Text.Json.Serialization;

namespace Command.Domain.Events;

/// <summary>
/// Reads the host a report was taken in by (<see cref="Reports.PositionReport.ReceivedBy"/>), and the source it came
/// through (<see cref="Reports.PositionReport.Via"/>), as one string shared by every report read back that names it: a
/// recording names the same few hosts and sources on nearly every line, and a string of its own for each would cost as
/// much as the rest of the report's text.
/// </summary>
public sealed class HostAddressJson : JsonConverter<string>
{
    // The hosts read so far, few in any cluster; past this many, one is read as a string of its own.
    private const int MostShared = 64;
    private static string[] shared = [];

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The host address at the reader's string token, as the string already read for it where there is one.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        var known = Volatile.Read(ref shared);
        foreach (var host in known)
        {
            if (reader.ValueTextEquals(host))
            {
                return host;
            }
        }

        var read = reader.GetString() ?? throw new JsonException("A host address or source was null.");
        if (known.Length < MostShared)
        {
            // Two readers adding at once may each add theirs and one be lost: it is read again as its own string next time.
            Volatile.Write(ref shared, [.. known, read]);
        }

        return read;
    }
}
