using System.Net;
using System.Net.Http.Json;
using Command.Host.Api;
using Command.Reporting.Exports;
using Command.Host.Paperwork;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Paperwork;

/// <summary>
/// An export job's status over HTTP, kept in the job's grain so that any host answers it: done once done, failed
/// naming the host when the host running it has left the cluster, and not found for an id no job was started under.
/// </summary>
public sealed class ExportStatusTests(PaperworkHost host) : IClassFixture<PaperworkHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_whose_host_left_the_cluster_is_answered_failed_naming_that_host_not_running_for_ever()
    {
        using var evaluator = await host.AsAsync("evaluator");
        var jobId = ExportJobs.JobId(PaperworkKind.AarDocx, "0123456789ab", null);
        var gone = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.9.8.7"), 11111), 42);
        var running = new ExportStatus(jobId, "drill-1", "aar-docx", "running", 0.4, "drill-1-aar.docx", null);
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IExportJobGrain>(jobId).Report(running, gone);

        var status = await evaluator.GetFromJsonAsync<ExportStatus>($"/api/exports/{jobId}", CommandHost.Json, Ct);

        Assert.Equal(("failed", 0.4), (status!.State, status.Progress));
        Assert.Contains("10.9.8.7:11111", status.Error, StringComparison.Ordinal);
        Assert.Contains("left the cluster before it finished", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_overtaken_by_a_later_one_does_not_take_the_job_back()
    {
        using var evaluator = await host.AsAsync("evaluator");
        var grain = host.Services.GetRequiredService<IGrainFactory>();
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var jobId = ExportJobs.JobId(PaperworkKind.AarHtml, "abcdef012345", null);
        var job = grain.GetGrain<IExportJobGrain>(jobId);
        var running = new ExportStatus(jobId, "drill-1", "aar-html", "running", 0, "drill-1-aar.html", null);

        await job.Report(running with { Progress = 0.6 }, silo);
        await job.Report(running with { Progress = 0.3 }, silo);
        Assert.Equal(0.6, (await evaluator.GetFromJsonAsync<ExportStatus>($"/api/exports/{jobId}", CommandHost.Json, Ct))!.Progress);

        await job.Report(running with { State = "done", Progress = 1 }, silo);
        await job.Report(running with { Progress = 0.9 }, silo);
        Assert.Equal(("done", 1.0), await StateAsync(evaluator, jobId));
    }

    [Fact]
    public async Task An_id_no_job_was_started_under_is_not_found_and_only_those_who_export_may_ask()
    {
        using var evaluator = await host.AsAsync("evaluator");
        using var observer = await host.AsAsync("observer");
        var never = ExportJobs.JobId(PaperworkKind.Ics214Zip, "fedcba987654", null);

        foreach (var id in new[] { never, "not-a-job" })
        {
            using var answer = await evaluator.GetAsync($"/api/exports/{id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("unknown-export", (await answer.Content.ReadFromJsonAsync<ApiError>(CommandHost.Json, Ct))!.Reason);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/exports/{never}", Ct)).StatusCode);
    }

    private static async Task<(string, double)> StateAsync(HttpClient caller, string jobId)
    {
        var status = (await caller.GetFromJsonAsync<ExportStatus>($"/api/exports/{jobId}", CommandHost.Json, Ct))!;
        return (status.State, status.Progress);
    }
}
