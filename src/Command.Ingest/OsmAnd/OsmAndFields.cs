using Microsoft.AspNetCore.WebUtilities;

namespace Command.Ingest.OsmAnd;

/// <summary>
/// The fields of an OsmAnd request's query and form body, as Traccar reads them: a parameter sent more than once has
/// its last value, since Traccar's decoder sets each value in turn; a field of the body stands over the query's.
/// Joined with commas, as the values of a repeated parameter are when read as one, <c>valid=1&amp;valid=1</c> was
/// refused as a fix the device marked not valid, and <c>lat=1&amp;lat=1</c> as not a number.
/// </summary>
public static class OsmAndFields
{
    /// <summary>The fields of <paramref name="queries"/>, in order, each parameter with its last value.</summary>
    public static IReadOnlyDictionary<string, string> Read(params ReadOnlySpan<string?> queries)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var query in queries)
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(query))
            {
                fields[key] = values.Count == 0 ? "" : values[values.Count - 1] ?? "";
            }
        }

        return fields;
    }
}
