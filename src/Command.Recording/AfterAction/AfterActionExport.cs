using System.Text.Json;
using Command.Domain.AfterAction;
using Command.Recording.Layout;
using Command.Recording.Reading;

namespace Command.Recording.AfterAction;

/// <summary>Builds after-action reports from recorded sessions and writes them as JSON, CSV or self-contained HTML.</summary>
public static class AfterActionExport
{
    /// <summary>
    /// Reads a whole session and folds it into a report: up to a line that is not an event where there is one (a bad
    /// sector, a line edited by hand), and the report says where (<see cref="IncidentMetrics.RecordingDamaged"/>), as a
    /// replay plays up to it; throws <see cref="RecordingUnreadableException"/> where that is its first line.
    /// </summary>
    /// <param name="reader">The session.</param>
    /// <param name="progress">Told bytes read so far (out of <see cref="SessionReader.TotalBytes"/>).</param>
    /// <param name="options">Measurement options; defaults when null.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<AfterActionReport> BuildAsync(SessionReader reader, IProgress<long>? progress = null, AfterActionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fold = new AfterActionFold(options);
        var folded = false;
        RecordingDamage? damaged = null;
        await foreach (var line in reader.ReadLinesAsync(null, progress, cancellationToken))
        {
            if (PositionLine.TryParse(line.Span, out var unitId, out var position, out var fixTime, out var time, out var floor, out var clockCorrectionS, out var takenIn, out var weekRolloverEras))
            {
                fold.ApplyPosition(unitId, position, fixTime, time, floor, clockCorrectionS, takenIn, weekRolloverEras);
            }
            else
            {
                // One damaged line answered 503 for the whole report, of a drill all there up to it.
                (var e, damaged) = reader.DecodeOrDamage(line);
                if (damaged is not null)
                {
                    break;
                }

                fold.Apply(e!);
            }

            folded = true;
        }

        if (damaged is not null && !folded)
        {
            throw RecordingUnreadableException.Of(reader.Manifest.IncidentId, damaged);
        }

        // Read up to the last good line (one within what the manifest indexes, else past it): the report says so, or its end
        // would read as the drill's.
        var report = fold.Build();
        return (damaged ?? reader.Damage) is { } damage ? report with { Incident = report.Incident with { RecordingDamaged = damage.Said } } : report;
    }

    public static async Task WriteJsonAsync(AfterActionReport report, Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.SerializeAsync(stream, report, AfterActionJsonContext.Default.AfterActionReport, cancellationToken);

    /// <summary>Writes one table as CSV; <see cref="AfterActionTable.Units"/> unless told otherwise.</summary>
    public static Task WriteCsvAsync(AfterActionReport report, Stream stream, AfterActionTable table = AfterActionTable.Units, CancellationToken cancellationToken = default) =>
        AfterActionCsv.WriteAsync(report, table, stream, null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteCsvAsync(AfterActionReport, Stream, AfterActionTable, CancellationToken)"/>; the draft of an open
    /// incident says it was made at <paramref name="madeAt"/>, as the HTML report says it.
    /// </summary>
    public static Task WriteCsvAsync(AfterActionReport report, Stream stream, AfterActionTable table, DateTimeOffset madeAt, CancellationToken cancellationToken = default) =>
        AfterActionCsv.WriteAsync(report, table, stream, madeAt, cancellationToken);

    /// <summary>Writes a self-contained HTML page with tables and inline SVG plots that opens offline.</summary>
    public static Task WriteHtmlAsync(AfterActionReport report, Stream stream, CancellationToken cancellationToken = default) =>
        AfterActionHtml.WriteAsync(report, stream, null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteHtmlAsync(AfterActionReport, Stream, CancellationToken)"/>; the draft of an open incident says it
    /// was made at <paramref name="madeAt"/>, as the AAR/IP and ICS-214 logs say it.
    /// </summary>
    public static Task WriteHtmlAsync(AfterActionReport report, Stream stream, DateTimeOffset madeAt, CancellationToken cancellationToken = default) =>
        AfterActionHtml.WriteAsync(report, stream, madeAt, cancellationToken);
}
