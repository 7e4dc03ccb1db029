using Command.Recording.AfterAction;

namespace Command.Report;

/// <summary>What to export: a session folder or a blob session, a format, an output file.</summary>
/// <param name="SessionFolder">A recorded session's folder; null when the session is on Blob Storage.</param>
/// <param name="BlobConnection">The Blob Storage connection string; null for a folder.</param>
/// <param name="BlobContainer">The container holding the session; null for a folder.</param>
/// <param name="BlobIncident">The incident whose session it is; null for a folder.</param>
/// <param name="Format">html, json or csv. Default html.</param>
/// <param name="Table">The table a CSV export holds. Default <see cref="AfterActionTable.Units"/>.</param>
/// <param name="Out">The file written.</param>
/// <param name="Unit">The one ICS-214 log to write; all when null.</param>
/// <param name="WithNotes">Put the evaluator notes kept beside the session in the AAR/IP and ICS-214 logs. Default true.</param>
internal sealed record ReportArguments(
    string? SessionFolder, string? BlobConnection, string? BlobContainer, string? BlobIncident,
    string Format, AfterActionTable Table, string Out, string? Unit = null, bool WithNotes = true);
