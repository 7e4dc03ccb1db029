using Command.Domain.Validation;

namespace Command.Host.Api;

/// <summary>The body of a 4xx answer: a machine-readable reason, a sentence, and per-field problems.</summary>
public sealed record ApiError(string Reason, string Detail, IReadOnlyList<FieldError>? Errors = null)
{
    public static ApiError From(Rejection rejection) => new(rejection.Code, rejection.Detail);

    public static IResult BadRequest(string reason, string detail, IReadOnlyList<FieldError>? errors = null) =>
        Results.BadRequest(new ApiError(reason, detail, errors));

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Results.BadRequest(new ApiError("invalid-request", $"{errors.Count} field(s) are invalid", errors));

    /// <summary>Maps a grain's refusal to the status code that fits it.</summary>
    public static IResult For(Rejection rejection) => rejection.Reason switch
    {
        RejectReason.UnknownIncident or RejectReason.UnknownUnit => Results.NotFound(From(rejection)),
        RejectReason.AlreadyExists => Results.Conflict(From(rejection)),
        _ => Results.BadRequest(From(rejection)),
    };
}

/// <summary>One invalid field: its JSON path, the reason code and what is wrong.</summary>
public sealed record FieldError(string Field, string Reason, string Detail);
