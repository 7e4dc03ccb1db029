namespace Command.Ingest.Http;

/// <summary>
/// The body of a request refused whole (a malformed or oversized batch, an unknown incident), in the shape every
/// error of the HTTP API has: <c>{reason, detail, errors}</c>. The host's other endpoints write it as their
/// <c>ApiError</c>; ingest cannot see that type, so it writes the same three fields.
/// </summary>
public sealed record RequestRefusal(string Reason, string Detail)
{
    /// <summary>Per-field problems: always null here. A batch's refused items are listed in <see cref="ReportBatchResult"/>.</summary>
    public IReadOnlyList<object>? Errors => null;
}
