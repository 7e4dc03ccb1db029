using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Command.LoadTest;

/// <summary>
/// Builds report batches for one incident: every unit once per batch, each nudged a metre, stamped now. The JSON is
/// put together from bytes worked out once (each unit's opening, the batch's time) and coordinates written from
/// integers: the general writer spent a third of this tool's CPU formatting doubles, CPU the host then lacked.
/// </summary>
public sealed class ReportBatch(string incidentId, int units, int seed)
{
    private const double Origin = 44.0;
    /// <summary>Most bytes of a coordinate: sign, three digits, point, seven decimals.</summary>
    private const int CoordinateBytes = 12;
    private static readonly byte[] BatchStart = "{\"reports\":["u8.ToArray();
    private static readonly byte[] BatchEnd = "]}"u8.ToArray();
    private static readonly byte[] Lat = "\",\"lat\":"u8.ToArray();
    private static readonly byte[] Lon = ",\"lon\":"u8.ToArray();
    private static readonly byte[] ReportEnd = ",\"accuracyM\":5}"u8.ToArray();
    private static readonly StandardFormat SevenDigits = new('D', 7);

    private readonly double[] east = [.. Enumerable.Range(0, units).Select(i => ((i * 37) + seed) % 400 - 200.0)];
    private readonly double[] north = [.. Enumerable.Range(0, units).Select(i => ((i * 53) + seed) % 400 - 200.0)];
    private readonly byte[][] openings = [.. Enumerable.Range(0, units).Select(i => Encoding.UTF8.GetBytes($"{{\"unitId\":\"u{i}\",\"fixTime\":\""))];
    private readonly int longestOpening = Encoding.UTF8.GetByteCount($"{{\"unitId\":\"u{units}\",\"fixTime\":\"");
    private int next;

    public string IncidentId { get; } = incidentId;

    /// <summary>The next <paramref name="count"/> units (round robin), as a JSON request body.</summary>
    public ByteArrayContentWithCount Next(int count)
    {
        Span<byte> now = stackalloc byte[40];
        Utf8Formatter.TryFormat(DateTimeOffset.UtcNow, now, out var nowLength, new StandardFormat('O'));
        now = now[..nowLength];
        var reportBytes = 1 + longestOpening + nowLength + Lat.Length + Lon.Length + (2 * CoordinateBytes) + ReportEnd.Length;
        var body = new byte[BatchStart.Length + (count * reportBytes) + BatchEnd.Length];
        var at = Put(body, 0, BatchStart);
        for (var k = 0; k < count; k++)
        {
            var i = next;
            next = (next + 1) % east.Length;
            east[i] += 1;
            if (k > 0)
            {
                body[at++] = (byte)',';
            }

            at = Put(body, at, openings[i]);
            at = Put(body, at, now);
            at = Put(body, at, Lat);
            // Seven decimals (about a centimetre), as TAK and the trackers send them.
            at = PutSevenDecimals(body, at, Origin + (north[i] / 111_000));
            at = Put(body, at, Lon);
            at = PutSevenDecimals(body, at, -100 + (east[i] / 80_000));
            at = Put(body, at, ReportEnd);
        }

        at = Put(body, at, BatchEnd);
        return new ByteArrayContentWithCount(body, at, count);
    }

    private static int Put(byte[] body, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(body.AsSpan(at));
        return at + bytes.Length;
    }

    /// <summary>A coordinate rounded to seven decimals, written as a JSON number.</summary>
    private static int PutSevenDecimals(byte[] body, int at, double value)
    {
        var scaled = (long)Math.Round(value * 1e7);
        if (scaled < 0)
        {
            body[at++] = (byte)'-';
            scaled = -scaled;
        }

        Utf8Formatter.TryFormat(scaled / 10_000_000, body.AsSpan(at), out var written);
        at += written;
        body[at++] = (byte)'.';
        Utf8Formatter.TryFormat(scaled % 10_000_000, body.AsSpan(at), out written, SevenDigits);
        return at + written;
    }
}

/// <summary>A request body (the first <paramref name="Length"/> bytes of <paramref name="Body"/>) and how many reports it carries.</summary>
public sealed record ByteArrayContentWithCount(byte[] Body, int Length, int Count)
{
    public HttpContent Content()
    {
        var content = new ByteArrayContent(Body, 0, Length);
        content.Headers.ContentType = new("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }
}
