using System.Text.Json;

namespace Command.Host.Api;

/// <summary>
/// Reads a request body so that malformed JSON gets a specific answer rather than a bare 400, and a body past the
/// limit (announced, or found so while a chunked one is read) a 413.
/// </summary>
public static class JsonBody
{
    /// <summary>Largest request body the API reads. 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>413 with reason oversized.</summary>
    public static IResult Oversized(long? length = null) => Results.Json(
        new ApiError("oversized", length is { } l ? $"the body is {l} bytes; the limit is {MaxBytes}" : $"the body is more than {MaxBytes} bytes, the limit"),
        statusCode: StatusCodes.Status413PayloadTooLarge);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Oversized(request.ContentLength));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null ? (null, ApiError.BadRequest("malformed", "the body is empty or null")) : (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Oversized());
        }
        catch (JsonException ex)
        {
            return (null, ApiError.BadRequest("malformed", $"the body is not valid JSON for this request: {ex.Message}"));
        }
    }
}
