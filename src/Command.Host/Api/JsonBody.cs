using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Command.Host.Api;

/// <summary>
/// Reads a request body so that malformed JSON gets a specific answer rather than a bare 400, and a body past the
/// limit (announced, or found so while a chunked one is read) a 413. A field the request does not take is refused by
/// name: a misspelt field would otherwise be dropped without a word, and its default taken for what was meant. A field
/// given twice is refused too: which of its values was meant is unknown, and a reader keeps either. A number is a
/// JSON number: one sent as text ("speed": "10") is refused as the wrong kind of value, as the report API refuses it.
/// </summary>
public static partial class JsonBody
{
    // The API's serializer options, with fields a request does not take, or names twice, refused: one copy for each
    // options instance.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Strict = [];

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
            var strict = Strict.GetValue(options, o => new JsonSerializerOptions(o)
            {
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
                AllowDuplicateProperties = false,
                NumberHandling = JsonNumberHandling.Strict,
            });
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, strict, cancellationToken);
            return value is null ? (null, ApiError.BadRequest("malformed", "the body is empty or null")) : (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Oversized());
        }
        catch (JsonException ex) when (UnknownField(ex) is { } field)
        {
            return (null, ApiError.BadRequest("unknown-field", $"this request takes no field '{field}' (at {ex.Path}); check its spelling against the API"));
        }
        catch (JsonException ex) when (GivenTwice(ex) is { } field)
        {
            return (null, ApiError.BadRequest("malformed", $"'{field}' is given twice (at {ex.Path}); a request names each field once"));
        }
        catch (JsonException ex) when (ex.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-", StringComparison.Ordinal) && ex.Path is { } path)
        {
            // A quoted value that is no text (a byte that is no UTF-8, "\ud800" alone) was called no text "in quotes".
            return (null, ApiError.BadRequest("malformed", $"the value at {path} {Command.Ingest.Json.JsonText.NotText}"));
        }
        catch (JsonException ex) when (WrongType<T>(ex) is { } wrong)
        {
            return (null, ApiError.BadRequest("malformed", wrong));
        }
        catch (JsonException ex)
        {
            return (null, ApiError.BadRequest("malformed", $"the body is not valid JSON for this request: {ex.Message}"));
        }
    }

    // System.Text.Json names the .NET type it could not fill ("could not be converted to Command.Host…SeekRequest"),
    // which tells a caller nothing: say instead which field holds the wrong kind of value, and what it takes.
    private static string? WrongType<T>(JsonException ex)
    {
        if (!ex.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal) || ex.Path is not { } path)
        {
            return null;
        }

        var type = typeof(T);
        string? field = null;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                field = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                type = type?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return field is null ? $"the body must be {Expected(type!)}" : $"'{field}' (at {path}) must be {Expected(type!)}";
    }

    private static Type? ElementType(Type? type) =>
        type is null || type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "text, in quotes"
            : type == typeof(bool) ? "true or false"
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "a date and time in ISO 8601, such as 2026-03-14T15:00:00Z"
            : type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) ? "a whole number"
            : type.IsPrimitive || type == typeof(decimal) ? "a number"
            : ElementType(type) is not null ? "a list"
            : "an object";
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]")]
    private static partial Regex PathSegment();

    // The name System.Text.Json gives, quoted, when a field maps to nothing: "The JSON property 'x' could not be mapped…".
    private static string? UnknownField(JsonException ex) =>
        ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) ? FirstQuoted(ex.Message) : null;

    // The name System.Text.Json gives, quoted, when a field comes twice: "Duplicate property 'x' encountered…".
    private static string? GivenTwice(JsonException ex) =>
        ex.Message.StartsWith("Duplicate property '", StringComparison.Ordinal) ? FirstQuoted(ex.Message) : null;

    private static string? FirstQuoted(string message)
    {
        var open = message.IndexOf('\'');
        var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
        return close > open ? message[(open + 1)..close] : null;
    }
}
