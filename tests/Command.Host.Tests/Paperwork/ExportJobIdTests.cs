using Command.Host.Paperwork;
using Command.Reporting.Exports;

namespace Command.Host.Tests.Paperwork;

/// <summary>Export job ids carry their kind and what their file is named for, so any host can serve the result under the name it was exported as.</summary>
public sealed class ExportJobIdTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("P1", "P1")]
    [InlineData("incident-command", "incident-command")]
    [InlineData("urn:tak:mesh/!a1b2c3d4", "urn_tak_mesh__a1b2c3d4")]
    [InlineData("../../evil \"x\" é", "_._evil__x__é")]
    [InlineData("Адам-1", "Адам-1")]
    [InlineData("警察-2", "警察-2")]
    [InlineData("🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓", "________________________________")]
    public void A_job_id_gives_back_its_kind_and_the_name_its_file_was_given(string? unit, string? named)
    {
        var jobId = ExportJobs.JobId(PaperworkKind.Ics214Csv, "0123456789ab", unit);

        Assert.True(ExportJobs.TryParseJobId(jobId, out var kind, out var namedFor));
        Assert.Equal((PaperworkKind.Ics214Csv, named), (kind, namedFor));
        Assert.Equal(PaperworkExport.FileName("inc-1", PaperworkKind.Ics214Csv, unit), PaperworkExport.FileName("inc-1", kind, namedFor));
        Assert.True(jobId.Length <= 100, $"{jobId.Length} characters");
    }

    [Theory]
    [InlineData("ics214-csv-0123456789ab-")]
    [InlineData("ics214-csv-0123456789AB")]
    [InlineData("ics214-csv-0123456789ab-a:b")]
    [InlineData("ics214-csv-0123456789ab-a..b")]
    [InlineData("ics214-csv-0123456789ab-P1.")]
    [InlineData("ics214-csv-0123456789ab-~UDE")]
    public void A_job_id_no_export_was_given_is_not_taken(string jobId)
    {
        Assert.False(ExportJobs.TryParseJobId(jobId, out _, out _));
    }
}
