using System.Text;
using Command.Domain.AfterAction;
using Command.Host.Access;
using Command.Host.Api;
using Command.Recording.AfterAction;
using Command.Reporting.Comparison;
using Command.Reporting.Documents;

namespace Command.Host.Paperwork;

/// <summary>
/// Runs of one scenario compared: GET /api/compare?sessions=a,b[&amp;map=callsign=name;...][&amp;format=json|html|csv|svg].
/// Sessions played from different scenario files are refused; versions may differ, and say so. A session recording no
/// scenario is refused beside one that does, and live drills (none records one) are compared only with a callsign map.
/// </summary>
public static class CompareApi
{
    /// <summary>Most runs compared at once. 6.</summary>
    public const int MaxRuns = 6;

    public static IEndpointRouteBuilder MapCompareApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/compare", Compare).WithTags("Paperwork").Needs(Rights.Export);
        return app;
    }

    private static async Task<IResult> Compare(string? sessions, string? map, string? format, SessionPaperwork paperwork, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var named = (sessions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = named.Distinct(StringComparer.Ordinal).ToList();
        format = (format ?? "json").ToLowerInvariant();
        if (ids.Count < named.Length)
        {
            var twice = named.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
            return ApiError.Invalid([new FieldError("sessions", "invalid-value", $"each session is one run: {string.Join(", ", twice)} is named more than once")]);
        }

        if (ids.Count is < 2 or > MaxRuns)
        {
            return ApiError.Invalid([new FieldError("sessions", "invalid-value", $"2-{MaxRuns} recorded sessions, separated by commas")]);
        }

        if (format is not ("json" or "html" or "csv" or "svg"))
        {
            return ApiError.Invalid([new FieldError("format", "invalid-value", "format is json, html, csv or svg")]);
        }

        var callsigns = Mapping(map, out var wrong);
        if (wrong is not null)
        {
            return ApiError.Invalid([new FieldError("map", "invalid-value", wrong)]);
        }

        var reports = new List<AfterActionReport>();
        foreach (var id in ids)
        {
            if (!await paperwork.ExistsAsync(id, ct))
            {
                return NotesApi.UnknownSession(id);
            }

            reports.Add(await paperwork.ReportAsync(id, null, ct));
        }

        var scenarios = reports.Select(r => r.Incident.Scenario).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (scenarios.Count > 1)
        {
            return Results.BadRequest(new ApiError("different-scenarios", $"the sessions were played from different scenarios ({string.Join(", ", scenarios)}); runs of one scenario are compared"));
        }

        if (NoScenario(reports, scenarios, callsigns is not null) is { } unmatched)
        {
            return Results.BadRequest(new ApiError("no-scenario", unmatched));
        }

        // A run of an incident still open says so, and when this was made, as its other documents do.
        var comparison = RunComparison.Compare(reports, callsigns, clock.GetUtcNow());
        switch (format)
        {
            case "json":
                return Results.Ok(comparison);
            case "svg":
                // Styled from inside: shown apart from the report's page, its classes meant nothing.
                return Results.Text(StandaloneSvg.Of(ComparisonChart.Svg(comparison)), "image/svg+xml", Encoding.UTF8);
        }

        response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8";
        Attachment.Name(response, $"compare-{FileNamePart.Of(string.Join("-", ids))}.{format}");
        await (format == "csv" ? ComparisonDocument.WriteCsvAsync(comparison, response.Body, ct) : ComparisonDocument.WriteHtmlAsync(comparison, response.Body, ct));
        return Results.Empty;
    }

    /// <summary>
    /// Why sessions that record no scenario are not compared; null where they are. A session with none (a live drill, or one
    /// recorded before drills said their scenario) is no run of the scenario another was played from; live drills alone
    /// are compared only where a person says how their units match (<c>map</c>): matched by unit id alone, two unrelated
    /// incidents were compared as a table of units sharing no row.
    /// </summary>
    private static string? NoScenario(List<AfterActionReport> reports, List<string> scenarios, bool mapped)
    {
        var without = reports.Where(r => r.Incident.Scenario is null).Select(r => $"'{r.Incident.IncidentId}'").ToList();
        var named = without.Count == 1 ? $"session {without[0]} records" : $"sessions {string.Join(", ", without)} record";
        return without.Count == 0 ? null
            : scenarios.Count > 0 ? $"{named} no scenario, and the others were played from scenario '{scenarios[0]}': runs of one scenario are compared, and a live drill only with other live drills"
            : mapped ? null
            : $"{named} no scenario, so nothing says they are runs of one drill: to compare live drills, say how their units match by callsign (map=callsign=name;…)";
    }

    // "Adam 1=first officer;A-1=first officer": callsigns to the name they are matched by.
    private static Dictionary<string, string>? Mapping(string? map, out string? wrong)
    {
        wrong = null;
        if (string.IsNullOrWhiteSpace(map))
        {
            return null;
        }

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in map.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1 || pair.Length > 200)
            {
                wrong = $"'{pair}' is not callsign=name";
                return null;
            }

            mapping[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }

        return mapping;
    }
}
