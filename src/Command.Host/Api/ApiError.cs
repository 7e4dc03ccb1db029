using Command.Domain.Validation;

namespace Command.Host.Api;

/// <summary>The body of a 4xx answer: a machine-readable reason, a sentence, and per-field problems.</summary>
public sealed record ApiError(string Reason, string Detail, IReadOnlyList<FieldError>? Errors = null)
{
    public static ApiError From(Rejection rejection) => new(rejection.Code, rejection.Detail);

    public static IResult BadRequest(string reason, string detail, IReadOnlyList<FieldError>? errors = null) =>
        Results.BadRequest(new ApiError(reason, detail, errors));

    /// <summary>
    /// 400 for fields that are invalid, each in <see cref="Errors"/>. One field leads with its own sentence ("time: ...");
    /// under "1 field(s) are invalid" the one thing to put right was buried.
    /// </summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Results.BadRequest(new ApiError("invalid-request", errors is [var one] ? $"{one.Field}: {one.Detail}" : $"{errors.Count} fields are invalid", errors));

    /// <summary>How long a caller is asked to wait before trying an unavailable incident again: 5 s.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Maps a grain's refusal to the status code that fits it.</summary>
    public static IResult For(Rejection rejection) => rejection.Reason switch
    {
        RejectReason.UnknownIncident or RejectReason.UnknownUnit or RejectReason.UnknownThreat => Results.NotFound(From(rejection)),
        RejectReason.AlreadyExists or RejectReason.Closed or RejectReason.LimitReached or RejectReason.NoFlagUp or RejectReason.AlreadyAcknowledged or RejectReason.RoleChanged or RejectReason.EnrolledElsewhere
            or RejectReason.CallsignTaken or RejectReason.RoundOutOfTurn => Results.Conflict(From(rejection)),
        RejectReason.Unavailable => Unavailable(rejection.Detail),
        RejectReason.Unprocessable => Results.Json(From(rejection), statusCode: StatusCodes.Status500InternalServerError),
        _ => Results.BadRequest(From(rejection)),
    };

    /// <summary>503 with Retry-After and the reason: the incident cannot answer now, and says why.</summary>
    public static IResult Unavailable(string detail) => new UnavailableResult(detail);

    private sealed class UnavailableResult(string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new ApiError(RejectReasons.Name(RejectReason.Unavailable), detail), statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>One invalid field: its JSON path, the reason code and what is wrong.</summary>
public sealed record FieldError(string Field, string Reason, string Detail)
{
    /// <summary>The field's error for a refusal of its value, or null when it was not refused.</summary>
    public static FieldError? Of(string field, Rejection? rejection) => rejection is null ? null : new(field, rejection.Code, rejection.Detail);

    /// <summary>
    /// The error for a unit id a person or a device names (<see cref="InputLimits.UnitId"/>): any id a unit's reports may
    /// carry, a radio's included, not only the API's narrower shape.
    /// </summary>
    public static FieldError? UnitId(string field, string? unitId) => Of(field, InputLimits.UnitId(unitId));
}
