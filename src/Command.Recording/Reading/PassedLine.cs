using System.Text.Json;
using Command.Recording.AfterAction;

namespace Command.Recording.Reading;

/// <summary>
/// A line the timeline passes over without building its event (it marks nothing): a position the report reads by its
/// quick read (<see cref="PositionLine"/>), and its sequence and time. Passed over unread, a damaged line (a bad sector, a
/// torn copy) went unsaid, and the timeline answered as if the recording were whole where its replay and its report stop;
/// passed for being whole JSON with a sequence and a time, one that is no event (a type no build writes, a position with
/// none) did the same.
/// </summary>
internal static class PassedLine
{
    /// <summary>False where the line is no position the report reads without building it: the full decoder then reads it, or says why it cannot.</summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out long sequence, out DateTimeOffset time)
    {
        (sequence, time) = (0, default);
        if (!PositionLine.TryParse(line, out _, out _, out _, out _, out _, out _, out _, out _))
        {
            return false;
        }

        var (hasSequence, hasTime) = (false, false);
        var reader = new Utf8JsonReader(line);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("sequence"u8))
                {
                    hasSequence = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out sequence);
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    hasTime = reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out time);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return hasSequence && hasTime && reader.BytesConsumed == line.Length;
    }
}
