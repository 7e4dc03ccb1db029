using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Reporting.Documents;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;

namespace Command.Reporting.Exports;

/// <summary>The paperwork one session can be exported as.</summary>
public enum PaperworkKind
{
    /// <summary>The AAR/IP draft as a Word document.</summary>
    AarDocx,

    /// <summary>The AAR/IP draft as a self-contained HTML page.</summary>
    AarHtml,

    /// <summary>Every ICS-214 log (incident command and each unit), Word and CSV, in one zip.</summary>
    Ics214Zip,

    /// <summary>One ICS-214 log as a Word document.</summary>
    Ics214Docx,

    /// <summary>ICS-214 logs as CSV: one, or all of them one after another.</summary>
    Ics214Csv,
}

/// <summary>
/// Writes a session's paperwork, from its report and annotations, in one of <see cref="PaperworkKind"/>: the one
/// place the API, the export jobs and the report tool turn a session into documents.
/// </summary>
public static class PaperworkExport
{
    /// <summary>"aar-docx", "aar-html", "ics214-zip", "ics214-docx", "ics214-csv".</summary>
    public static string Name(PaperworkKind kind) => kind switch
    {
        PaperworkKind.AarDocx => "aar-docx",
        PaperworkKind.AarHtml => "aar-html",
        PaperworkKind.Ics214Zip => "ics214-zip",
        PaperworkKind.Ics214Docx => "ics214-docx",
        _ => "ics214-csv",
    };

    public static bool TryParse(string? text, out PaperworkKind kind)
    {
        foreach (var k in Enum.GetValues<PaperworkKind>())
        {
            if (string.Equals(text, Name(k), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// True for the kinds that take a unit: the ICS-214 logs, one of which it picks. The AAR/IP is the whole session's,
    /// and takes none.
    /// </summary>
    public static bool TakesUnit(PaperworkKind kind) => kind is not (PaperworkKind.AarDocx or PaperworkKind.AarHtml);

    /// <summary>True when <paramref name="report"/>'s session has an ICS-214 log for <paramref name="subject"/>: a unit it had, or incident command.</summary>
    public static bool HasLog(AfterActionReport report, string subject) =>
        subject == Ics214Form.IncidentCommand || report.Units.Any(u => u.UnitId == subject);

    /// <summary>Why there is no log for <paramref name="subject"/>: "session 'x' has no unit 'NOPE'", a long id cut to 64 characters.</summary>
    public static string NoUnit(string incidentId, string subject) => $"session '{incidentId}' has no unit '{subject[..Math.Min(subject.Length, 64)]}'";

    public static (string ContentType, string Extension) Format(PaperworkKind kind) => kind switch
    {
        PaperworkKind.AarDocx or PaperworkKind.Ics214Docx => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        PaperworkKind.AarHtml => ("text/html; charset=utf-8", "html"),
        PaperworkKind.Ics214Zip => ("application/zip", "zip"),
        _ => ("text/csv; charset=utf-8", "csv"),
    };

    /// <summary>
    /// The file name a download is offered under: "{incident}-aar.docx", "{incident}-ics214-A1.docx", with each id as a
    /// file name may have it (<see cref="FileNamePart"/>): a unit's id is a radio's to choose.
    /// </summary>
    public static string FileName(string incidentId, PaperworkKind kind, string? subject) => kind switch
    {
        PaperworkKind.AarDocx or PaperworkKind.AarHtml => $"{FileNamePart.Of(incidentId)}-aar.{Format(kind).Extension}",
        _ => $"{FileNamePart.Of(incidentId)}-ics214{(subject is null ? "" : $"-{FileNamePart.Of(subject)}")}.{Format(kind).Extension}",
    };

    /// <summary>
    /// Writes the paperwork to a seekable stream. <paramref name="annotations"/> are those the reader may see (none for
    /// one who may not read notes), the stream as kept: every document prints each note as it now stands and leaves
    /// withdrawn ones out, with who amended it, when and why (<see cref="NoteBook.Standing"/>); <paramref name="subject"/> picks one ICS-214 log (a unit id or
    /// <see cref="Ics214Form.IncidentCommand"/>), or all when null. <paramref name="now"/> is when it is made: the
    /// ICS-214's "prepared" time, and what a document of an incident still open says it was made at.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The session has no such unit.</exception>
    public static async Task WriteAsync(
        PaperworkKind kind, AfterActionReport report, IReadOnlyList<Annotation> annotations, string? subject, string preparedBy, DateTimeOffset now,
        Stream seekable, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case PaperworkKind.AarDocx:
                AarDocument.WriteDocx(AarDraft.Build(report, annotations, now), seekable);
                break;
            case PaperworkKind.AarHtml:
                await AarDocument.WriteHtmlAsync(AarDraft.Build(report, annotations, now), seekable, cancellationToken);
                break;
            default:
                var forms = Ics214Form.Build(report, NoteBook.Standing(annotations), preparedBy, now);
                IReadOnlyList<Ics214Form> chosen = subject is null ? forms
                    : [forms.FirstOrDefault(f => f.ForIncidentCommand == (subject == Ics214Form.IncidentCommand) && f.Subject == subject) ?? throw new KeyNotFoundException(NoUnit(report.Incident.IncidentId, subject))];
                if (kind == PaperworkKind.Ics214Zip)
                {
                    await Ics214Document.WriteZipAsync(chosen, seekable, progress, cancellationToken);
                }
                else if (kind == PaperworkKind.Ics214Docx)
                {
                    Ics214Document.WriteDocx(chosen[0], seekable);
                }
                else
                {
                    await Ics214Document.WriteCsvAsync(chosen, seekable, cancellationToken);
                }

                break;
        }

        progress?.Report(1);
    }
}
