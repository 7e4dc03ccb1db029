using System.CommandLine;
using Command.Recording.AfterAction;
using Command.Tools.Cli;

namespace Command.Report;

/// <summary>The report exporter's command line: one session (a folder or --blob), a format, an output file.</summary>
internal sealed class ReportCommand : RootCommand
{
    private readonly Argument<string?> folder = new("session folder")
    {
        Description = "A recorded session's folder, e.g. data/sessions/drill-1",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string[]> blob = new("--blob")
    {
        Description = "A session on Azure Blob Storage instead: connection string, container, incident id",
        HelpName = "connection> <container> <incident",
        Arity = new ArgumentArity(3, 3),
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> format = ChoiceOption.OneOf(
        "--format", "What to write: the report (html, json, csv), the AAR/IP draft (aar-docx, aar-html) or ICS-214 logs (ics214-zip, ics214-docx, ics214-csv)",
        ["html", "json", "csv", "aar-docx", "aar-html", "ics214-zip", "ics214-docx", "ics214-csv"], "html");

    private readonly Option<string?> unit = new("--unit") { Description = "The one ICS-214 log to write: a unit id, or incident-command (all logs when absent)", HelpName = "unit" };

    private readonly Option<bool> withoutNotes = new("--without-notes") { Description = "Leave evaluator notes out of the AAR/IP and ICS-214 logs (a copy for players)" };
    private readonly Option<string> table = ChoiceOption.OneOf(
        "--table", "The table a CSV export holds", [.. Enum.GetNames<AfterActionTable>().Select(n => n.ToLowerInvariant())], "units");

    private readonly Option<string> output = new("--out") { Description = "The file written", HelpName = "file", Required = true };

    public ReportCommand(Func<ReportArguments, CancellationToken, Task<int>> export)
        : base("After-action report from a recorded session, as self-contained HTML, JSON or a CSV table; or its AAR/IP draft or ICS-214 logs.")
    {
        Arguments.Add(folder);
        Options.Add(blob);
        Options.Add(format);
        Options.Add(table);
        Options.Add(output);
        Options.Add(unit);
        Options.Add(withoutNotes);
        Validators.Add(result =>
        {
            // Presence, not value: an absent --blob reads as an empty array, and a short one cannot be read at all.
            if ((result.GetValue(folder) is null) == (result.GetResult(blob) is null))
            {
                result.AddError("Give one session: a folder, or --blob <connection string> <container> <incident id>.");
            }
        });
        SetAction((parsed, cancellationToken) => export(Read(parsed), cancellationToken));
    }

    private ReportArguments Read(ParseResult parsed)
    {
        var (connection, container, incident) = parsed.GetValue(blob) is [var c, var k, var i] ? (c, k, i) : (null, null, null);
        return new ReportArguments(
            parsed.GetValue(folder), connection, container, incident,
            parsed.GetRequiredValue(format),
            Enum.Parse<AfterActionTable>(parsed.GetRequiredValue(table), ignoreCase: true),
            parsed.GetRequiredValue(output),
            parsed.GetValue(unit),
            !parsed.GetValue(withoutNotes));
    }
}
