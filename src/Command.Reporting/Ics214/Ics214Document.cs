using System.IO.Compression;
using Command.Domain.AfterAction;
using Command.Recording.Csv;
using Command.Reporting.Documents;

namespace Command.Reporting.Ics214;

/// <summary>ICS-214 logs as Word documents, as CSV, and many of them as one zip.</summary>
public static class Ics214Document
{
    // A unit's log is titled with its callsign (its one resource assigned is the unit), its id beside where they differ.
    public static string Title(Ics214Form form) =>
        $"ACTIVITY LOG (ICS 214): {(form.ForIncidentCommand ? "Incident Command" : UnitNames.Of(form.Subject, form.Resources.FirstOrDefault()?.Callsign))}";

    /// <summary>The form's blocks, numbered as on the paper form.</summary>
    public static IEnumerable<Block> Blocks(Ics214Form form)
    {
        var clock = new SiteClock(form.TimeZone);
        if (form.StillOpen is { } open)
        {
            yield return new Para(open, AfterActionWords.DraftLabel);
        }

        if (AfterActionWords.Damaged(form.Damaged) is { } damaged)
        {
            yield return new Para(damaged, AfterActionWords.DamagedLabel);
        }

        yield return new Para(form.IncidentName, "1. Incident Name");
        yield return new Para($"from {clock.DateTime(form.From)} to {clock.DateTime(form.To)}{(form.StillOpen is null ? "" : ", still open")}", "2. Operational Period");
        yield return new Para(form.Name, "3. Name");
        yield return new Para(form.IcsPosition, "4. ICS Position");
        yield return new Para(form.HomeAgency, "5. Home Agency (and Unit)");
        yield return new Heading(1, "6. Resources Assigned");
        yield return Table.Of(
            ["Unit", "Callsign", "Role", "Name", "ICS Position", "Home Agency (and Unit)"],
            form.Resources.Select(r => new[] { r.UnitId, r.Callsign, r.Role, r.Name, r.IcsPosition, r.HomeAgency }));
        yield return new Heading(1, "7. Activity Log");
        yield return Table.Of(
            clock.HasLocal ? ["Date", $"Local time ({form.TimeZone})", "UTC", "Notable Activities"] : ["Date", "UTC", "Notable Activities"],
            form.Activity.Select(a => clock.HasLocal
                ? new[] { clock.Local(a.Time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), clock.LocalTime(a.Time), SiteClock.UtcTime(a.Time), a.Activity }
                : [a.Time.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), SiteClock.UtcTime(a.Time), a.Activity]));
        yield return new Para($"{form.PreparedBy}, {clock.DateTime(form.PreparedAt)}", "8. Prepared by");
    }

    /// <summary>One form as a .docx, landscape as the paper form, to a seekable stream.</summary>
    public static void WriteDocx(Ics214Form form, Stream seekable) => DocxWriter.Write(Title(form), Blocks(form), seekable, landscape: true);

    /// <summary>
    /// The CSV header: one row per activity line. <c>recording_damaged</c> is on every row of a log made from a damaged
    /// recording, as the report's CSV says it, and blank for a whole one's: its last line is not the drill's end. <c>draft</c>
    /// is "still open" on every row of a log made while its incident was still open, as the report's CSV says it, and blank
    /// once it closed: the Word log says so at its top, and the CSV read as the final log.
    /// </summary>
    public const string CsvHeader = "incident,log,name,ics_position,home_agency,local_date,local_time,utc_time,time_zone,activity,recording_damaged,draft";

    private const string StillOpen = "still open";

    /// <summary>Forms as CSV, one row per activity line, forms one after another.</summary>
    public static Task WriteCsvAsync(IEnumerable<Ics214Form> forms, Stream stream, CancellationToken cancellationToken) =>
        CsvWriter.WriteAsync(stream, CsvRows(forms), cancellationToken);

    private static IEnumerable<IEnumerable<CsvCell>> CsvRows(IEnumerable<Ics214Form> forms)
    {
        yield return [.. CsvHeader.Split(',').Select(CsvCell.Text)];
        foreach (var form in forms)
        {
            var clock = new SiteClock(form.TimeZone);
            foreach (var row in form.Activity)
            {
                yield return
                [
                    form.IncidentName, form.Subject, form.Name, form.IcsPosition, form.HomeAgency,
                    clock.Local(row.Time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), clock.LocalTime(row.Time), SiteClock.UtcTime(row.Time),
                    form.TimeZone ?? "UTC", row.Activity, form.Damaged ?? "", form.StillOpen is null ? "" : StillOpen,
                ];
            }
        }
    }

    /// <summary>
    /// Every form as <c>ics214-{subject}.docx</c> and <c>.csv</c> in one zip, written to a seekable stream; the subject
    /// as a file name may have it (<see cref="FileNamePart"/>), and numbered where two would share one.
    /// </summary>
    public static async Task WriteZipAsync(IReadOnlyList<Ics214Form> forms, Stream seekable, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(seekable, ZipArchiveMode.Create, leaveOpen: true);
        var names = new EntryNames();
        for (var i = 0; i < forms.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var form = forms[i];
            var name = names.Take($"ics214-{FileNamePart.Of(form.Subject)}");
            using (var docx = new MemoryStream())
            {
                WriteDocx(form, docx);
                await using var entry = await zip.CreateEntry($"{name}.docx", CompressionLevel.Fastest).OpenAsync(cancellationToken);
                docx.Position = 0;
                await docx.CopyToAsync(entry, cancellationToken);
            }

            await using (var entry = await zip.CreateEntry($"{name}.csv", CompressionLevel.Fastest).OpenAsync(cancellationToken))
            {
                await WriteCsvAsync([form], entry, cancellationToken);
            }

            progress?.Report((i + 1) / (double)forms.Count);
        }
    }
}
