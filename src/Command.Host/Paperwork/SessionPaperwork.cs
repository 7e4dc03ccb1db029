using System.Collections.Immutable;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Grains.Annotations;
using Command.Host.Api;
using Command.Recording.AfterAction;
using Command.Recording.Reading;

namespace Command.Host.Paperwork;

/// <summary>A recorded session's report and annotations, read for the paperwork made from them.</summary>
public sealed class SessionPaperwork(SessionCatalogue catalogue, IGrainFactory grains)
{
    /// <summary>True when the session is recorded (and its id has the shape of one).</summary>
    public async Task<bool> ExistsAsync(string incidentId, CancellationToken cancellationToken) =>
        IncidentIds.IsValid(incidentId) && await catalogue.ExistsAsync(incidentId, cancellationToken);

    /// <summary>The session as the catalogue lists it (with the span it has recorded so far), or null when it is not recorded.</summary>
    public async Task<SessionSummary?> FindAsync(string incidentId, CancellationToken cancellationToken) =>
        IncidentIds.IsValid(incidentId) ? await catalogue.FindAsync(incidentId, cancellationToken) : null;

    /// <summary>The session's after-action report, read from its recording; <paramref name="progress"/> hears bytes read of the total.</summary>
    public async Task<AfterActionReport> ReportAsync(string incidentId, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var reader = await catalogue.OpenAsync(incidentId, cancellationToken);
        var total = Math.Max(1, reader.TotalBytes);
        return await AfterActionExport.BuildAsync(reader, progress is null ? null : new BytesRead(total, progress), cancellationToken: cancellationToken);
    }

    public Task<ImmutableArray<Annotation>> AnnotationsAsync(string incidentId) => grains.GetGrain<IAnnotationGrain>(incidentId).List();

    // Told in order, in place (Progress<T> would post each to the thread pool).
    private sealed class BytesRead(long total, IProgress<double> progress) : IProgress<long>
    {
        public void Report(long value) => progress.Report(value / (double)total);
    }
}
