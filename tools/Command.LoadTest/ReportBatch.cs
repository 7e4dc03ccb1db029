using System.Text;
using System.Text.Json;

namespace Command.LoadTest;

/// <summary>Builds report batches for one incident: every unit once per batch, each nudged a metre, stamped now.</summary>
public sealed class ReportBatch(string incidentId, int units, int seed)
{
    private const double Origin = 44.0;
    private readonly double[] east = [.. Enumerable.Range(0, units).Select(i => ((i * 37) + seed) % 400 - 200.0)];
    private readonly double[] north = [.. Enumerable.Range(0, units).Select(i => ((i * 53) + seed) % 400 - 200.0)];
    private int next;

    public string IncidentId { get; } = incidentId;

    /// <summary>The next <paramref name="count"/> units (round robin), as a JSON request body.</summary>
    public ByteArrayContentWithCount Next(int count)
    {
        using var stream = new MemoryStream(count * 110);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("reports");
            var now = DateTimeOffset.UtcNow;
            for (var k = 0; k < count; k++)
            {
                var i = next;
                next = (next + 1) % east.Length;
                east[i] += 1;
                json.WriteStartObject();
                json.WriteString("unitId", $"u{i}");
                json.WriteString("fixTime", now);
                // Seven decimals (about a centimetre), as TAK and the trackers send them.
                json.WriteNumber("lat", Math.Round(Origin + (north[i] / 111_000), 7));
                json.WriteNumber("lon", Math.Round(-100 + (east[i] / 80_000), 7));
                json.WriteNumber("accuracyM", 5);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new ByteArrayContentWithCount(stream.ToArray(), count);
    }
}

/// <summary>A request body and how many reports it carries.</summary>
public sealed record ByteArrayContentWithCount(byte[] Body, int Count)
{
    public HttpContent Content()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }
}
