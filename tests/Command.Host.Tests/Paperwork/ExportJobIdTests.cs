using Command.Host.Paperwork;
using Command.Reporting.Exports;

namespace Command.Host.Tests.Paperwork;

/// <summary>Export job ids carry their kind and unit, so any host can serve the result under the name it was exported as.</summary>
public sealed class ExportJobIdTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("P1")]
    [InlineData("incident-command")]
    [InlineData("urn:tak:mesh/!a1b2c3d4")]
    [InlineData("../../evil \"x\" é")]
    public void A_job_id_gives_back_the_kind_and_unit_it_was_made_from(string? unit)
    {
        var jobId = ExportJobs.JobId(PaperworkKind.Ics214Csv, "0123456789ab", unit);

        Assert.True(ExportJobs.TryParseJobId(jobId, out var kind, out var subject));
        Assert.Equal((PaperworkKind.Ics214Csv, unit), (kind, subject));
        Assert.DoesNotContain(jobId, c => c is '/' or '\\' or '?' or '#' or '%' or ' ' or ':' or '"');
    }

    [Theory]
    [InlineData("ics214-csv-0123456789ab-~")]
    [InlineData("ics214-csv-0123456789ab-~not base64")]
    [InlineData("ics214-csv-0123456789ab-~UDE")] // "P1" written the long way: it is written plain
    [InlineData("ics214-csv-0123456789ab-~4oCu")] // U+202E alone: no unit may be named so
    [InlineData("ics214-csv-0123456789ab-a:b")]
    public void A_job_id_no_export_was_given_is_not_taken(string jobId)
    {
        Assert.False(ExportJobs.TryParseJobId(jobId, out _, out _));
    }
}
