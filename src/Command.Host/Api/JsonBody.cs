using System.Text.Json;

namespace Command.Host.Api;

/// <summary>Reads a request body so that malformed JSON gets a specific answer rather than a bare 400.</summary>
public static class JsonBody
{
    /// <summary>Largest request body the API reads. 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, ApiError.BadRequest("oversized", $"the body is {request.ContentLength} bytes; the limit is {MaxBytes}"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null ? (null, ApiError.BadRequest("malformed", "the body is empty or null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiError.BadRequest("malformed", $"the body is not valid JSON for this request: {ex.Message}"));
        }
    }
}
