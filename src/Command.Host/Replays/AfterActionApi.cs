using Command.Domain.AfterAction;
using Command.Host.Access;
using Command.Host.Api;
using Command.Recording.AfterAction;
using Command.Recording.Reading;
using Command.Reporting.Documents;

namespace Command.Host.Replays;

/// <summary>
/// After-action output of a recorded session: the report as HTML, JSON or CSV (GET /api/sessions/{id}/report),
/// and distance-to-threat series for a replay's chart (GET /api/replays/{id}/series?units=a,b).
/// </summary>
public static class AfterActionApi
{
    public static IEndpointRouteBuilder MapAfterActionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/{id}/report", Report).WithTags("Sessions").Needs(Rights.Export);
        app.MapGet("/api/replays/{replayId}/series", Series).WithTags("Replays").Needs(Rights.WatchReplays);
        return app;
    }

    private static async Task<IResult> Report(
        string id, string? format, string? table, SessionCatalogue catalogue, AccessAudit audit, HttpResponse response, TimeProvider clock, CancellationToken ct)
    {
        format = (format ?? "html").ToLowerInvariant();
        if (format is not ("html" or "json" or "csv"))
        {
            return ApiError.Invalid([new FieldError("format", "invalid-value", "format is html, json or csv")]);
        }

        var csvTable = AfterActionTable.Units;
        if (table is not null && !Enum.TryParse(table, ignoreCase: true, out csvTable))
        {
            return ApiError.Invalid([new FieldError("table", "invalid-value", $"table is one of {string.Join(", ", Enum.GetNames<AfterActionTable>())}")]);
        }

        if (await BuildAsync(catalogue, id, ct) is not { } report)
        {
            return Results.NotFound(new ApiError("unknown-session", $"no recorded session for incident '{id}'"));
        }

        audit.Exported(AccessClaims.Actor(response.HttpContext.User), id, format);
        var (type, extension) = format switch
        {
            "json" => ("application/json", "json"),
            "csv" => ("text/csv", "csv"),
            _ => ("text/html", "html"),
        };
        response.ContentType = $"{type}; charset=utf-8";
        Attachment.Name(response, $"{FileNamePart.Of(id)}-after-action.{extension}");
        await (format switch
        {
            "json" => AfterActionExport.WriteJsonAsync(report, response.Body, ct),
            "csv" => AfterActionExport.WriteCsvAsync(report, response.Body, csvTable, clock.GetUtcNow(), ct),
            _ => AfterActionExport.WriteHtmlAsync(report, response.Body, clock.GetUtcNow(), ct),
        });
        return Results.Empty;
    }

    private static async Task<IResult> Series(string replayId, string? units, IGrainFactory grains, ReplayReports reports)
    {
        if (!ReplaysApi.IsReplayId(replayId) || await grains.GetGrain<IReplayGrain>(replayId).Status() is not { } replay)
        {
            return ReplaysApi.NotFound(replayId);
        }

        var wanted = (units ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var report = await reports.ForAsync(replayId, replay.IncidentId);
        // A unit of a drill started over has a row for each round it played: its series is one, over all of them.
        var callsigns = report.EachUnit.ToDictionary(u => u.UnitId, u => u.Callsign, StringComparer.Ordinal);
        if (wanted.FirstOrDefault(u => !callsigns.ContainsKey(u)) is { } unknown)
        {
            // A misspelt unit drew an empty chart, as if it had never moved.
            return Results.NotFound(new ApiError("unknown-unit", $"session '{replay.IncidentId}' has no unit '{unknown[..Math.Min(unknown.Length, 64)]}'"));
        }

        var series = report.Distances
            .Where(d => wanted.Count == 0 || wanted.Contains(d.UnitId))
            .GroupBy(d => d.UnitId, StringComparer.Ordinal)
            .Select(g => new UnitSeries(g.Key, callsigns.GetValueOrDefault(g.Key, g.Key), [.. g.OrderBy(d => d.Time).Select(d => new[] { d.Time.ToUnixTimeMilliseconds() / 1000.0, Math.Round(d.DistanceM, 1) })]));
        return Results.Ok(new { units = series.ToList() });
    }

    private static async Task<AfterActionReport?> BuildAsync(SessionCatalogue catalogue, string id, CancellationToken ct)
    {
        if (!IncidentIds.IsValid(id) || !await catalogue.ExistsAsync(id, ct))
        {
            return null;
        }

        return await AfterActionExport.BuildAsync(await catalogue.OpenAsync(id, ct), cancellationToken: ct);
    }
}

/// <summary>One unit's distance to the threat over time: [epoch seconds, metres] pairs, for the chart.</summary>
public sealed record UnitSeries(string UnitId, string Callsign, IReadOnlyList<double[]> Points);
