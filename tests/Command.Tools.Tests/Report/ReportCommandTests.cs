using Command.Recording.AfterAction;
using Command.Report;
using Command.Tools.Cli;

namespace Command.Tools.Tests.Report;

public sealed class ReportCommandTests
{
    private ReportArguments? exported;

    [Fact]
    public async Task Session_folder_is_exported_as_html_by_default()
    {
        await ToolRun.InvokeAsync(Command(), "data/sessions/drill-1", "--out", "drill-1.html");

        Assert.Equal(new ReportArguments("data/sessions/drill-1", null, null, null, "html", AfterActionTable.Units, "drill-1.html"), exported);
    }

    [Fact]
    public async Task Blob_session_takes_connection_container_and_incident()
    {
        await ToolRun.InvokeAsync(Command(), "--blob", "UseDevelopmentStorage=true", "sessions", "drill-1", "--format", "CSV", "--table", "flags", "--out", "flags.csv");

        Assert.Equal(new ReportArguments(null, "UseDevelopmentStorage=true", "sessions", "drill-1", "csv", AfterActionTable.Flags, "flags.csv"), exported);
    }

    [Fact]
    public async Task An_ics214_log_of_one_unit_is_asked_for_without_notes()
    {
        await ToolRun.InvokeAsync(Command(), "data/sessions/drill-1", "--format", "ics214-docx", "--unit", "A1", "--without-notes", "--out", "a1.docx");

        Assert.Equal(new ReportArguments("data/sessions/drill-1", null, null, null, "ics214-docx", AfterActionTable.Units, "a1.docx", "A1", WithNotes: false), exported);
    }

    [Theory]
    [InlineData(new[] { "--out", "r.html" }, "Give one session: a folder, or --blob <connection string> <container> <incident id>.")]
    [InlineData(new[] { "drill-1", "--blob", "conn", "sessions", "drill-1", "--out", "r.html" }, "Give one session: a folder, or --blob <connection string> <container> <incident id>.")]
    [InlineData(new[] { "--blob", "conn", "sessions", "--out", "r.html" }, "Required argument missing for option: '--blob'.")]
    [InlineData(new[] { "drill-1" }, "Option '--out' is required.")]
    [InlineData(new[] { "drill-1", "--format", "pdf", "--out", "r.pdf" }, "--format must be one of html, json, csv, aar-docx, aar-html, ics214-zip, ics214-docx, ics214-csv (was 'pdf').")]
    [InlineData(new[] { "drill-1", "--format", "csv", "--table", "people", "--out", "r.csv" }, "--table must be one of units, incident, distances, flags, timeline (was 'people').")]
    [InlineData(new[] { "drill-1", "drill-2", "--out", "r.html" }, "Unrecognized command or argument 'drill-2'.")]
    public async Task Wrong_command_line_is_named_and_nothing_is_exported(string[] args, string expected)
    {
        var run = await ToolRun.InvokeAsync(Command(), args);

        Assert.Equal((ToolInvocation.UsageError, expected, null), (run.Exit, run.Errors[0], exported));
    }

    private ReportCommand Command() => new((arguments, _) =>
    {
        exported = arguments;
        return Task.FromResult(0);
    });
}
