using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Json;

/// <summary>
/// Reads a native report batch, <c>{"reports": [...]}</c>, in one pass over the request's bytes: no document is
/// built first, since every item is read field by field anyway. The whole body is read and checked before any of it
/// is taken, so malformed JSON anywhere refuses the batch whole and nothing of it is accepted.
/// </summary>
public static class ReportBatchJson
{
    /// <summary>Most reports one request may carry. 10,000.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>Largest batch body read, bytes; a larger one is refused as oversized. 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Reads a whole body and parses it. <paramref name="declaredLength"/> is the length the sender announced, if
    /// any: a body announced (or found) longer than <see cref="MaxBytes"/> is refused without being parsed.
    /// </summary>
    public static async Task<ReportBatchRead> ReadAsync(PipeReader body, long? declaredLength, CancellationToken cancellationToken)
    {
        if (declaredLength > MaxBytes)
        {
            return Oversized($"the body is {declaredLength} bytes; the limit is {MaxBytes}");
        }

        while (true)
        {
            var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                body.AdvanceTo(buffer.End);
                return Oversized($"the body is more than {MaxBytes} bytes, the limit");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var read = Parse(buffer);
                body.AdvanceTo(buffer.End);
                return read;
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Parses a body that arrived in pieces, as it parses one in a single piece.</summary>
    public static ReportBatchRead Parse(in ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return Parse(body.FirstSpan);
        }

        var copy = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(copy);
            return Parse(copy.AsSpan(0, (int)body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Parses a whole body: every item, or the reason the body is refused whole.</summary>
    public static ReportBatchRead Parse(ReadOnlySpan<byte> body)
    {
        // A UTF-8 byte order mark is what Windows tools write first (PowerShell's UTF8, Notepad): JSON readers may
        // pass over it, and every other endpoint of the API does, so a batch file saved so is read as the rest are.
        if (body.StartsWith(Utf8ByteOrderMark))
        {
            body = body[Utf8ByteOrderMark.Length..];
        }
        else if (body.StartsWith(Utf16LittleEndianMark) || body.StartsWith(Utf16BigEndianMark))
        {
            return Malformed("the body is UTF-16 (it starts with its byte order mark): send it as UTF-8");
        }

        var reader = new Utf8JsonReader(body);
        string? shape = null;
        string? unknown = null;
        var twice = false;
        List<IncomingReport>? reports = null;
        var count = 0;
        try
        {
            if (!reader.Read())
            {
                return Malformed("the body is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                shape = "the body must be an object with a 'reports' array";
                reader.Skip();
            }
            else
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isReports = reader.ValueTextEquals("reports"u8);
                    if (!isReports)
                    {
                        unknown ??= JsonText.Name(ref reader);
                        reader.Read();
                        reader.Skip();
                        continue;
                    }

                    twice |= reports is not null || shape is not null;
                    reader.Read();

                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        (shape, reports) = ("the body must be an object with a 'reports' array", null);
                        reader.Skip();
                        continue;
                    }

                    (shape, reports, count) = (null, [], 0);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++count > MaxBatch)
                        {
                            reader.Skip();
                            continue;
                        }

                        reports.Add(ReportJson.Read(ref reader, body));
                    }
                }
            }

            // Whatever follows the body's one value must be nothing but white space.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return Malformed($"the body is not valid JSON: {ex.Message}");
        }

        if (twice)
        {
            return Malformed("'reports' is given twice; a body names it once");
        }

        if (shape is not null || reports is null)
        {
            return Malformed(shape ?? "the body must be an object with a 'reports' array");
        }

        // A field the body does not take refuses it whole, by name, as the API's commands do: a sender's misspelling
        // (or a field meant for another API) is never dropped in silence.
        if (unknown is not null)
        {
            return new ReportBatchRead([], new Rejection(RejectReason.UnknownField, $"the body takes no field '{unknown}'; it is an object with a 'reports' array and nothing else"));
        }

        return count > MaxBatch
            ? Oversized($"{count} reports in one request; the limit is {MaxBatch}")
            : new ReportBatchRead(reports, null);
    }

    private static ReportBatchRead Malformed(string detail) => new([], new Rejection(RejectReason.Malformed, detail));

    private static ReportBatchRead Oversized(string detail) => new([], new Rejection(RejectReason.Oversized, detail));

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianMark => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];
}
