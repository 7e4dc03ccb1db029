using Orleans.Serialization;

namespace Command.Host.Hosting;

/// <summary>
/// A call that failed because the cluster's storage did not answer: Azure Storage, where a cluster keeps its incidents'
/// grain state, refused or dropped the request (an incident that could not record reactivates from it, and cannot
/// while it is away). Such a call may succeed once storage answers; it says nothing of the call. Found wherever it is in
/// the failure (wrapped by Orleans, or the Azure SDK's retries), and as Orleans carries it from another host.
/// </summary>
public static class StorageUnreachable
{
    private const string AzureFailure = "Azure.RequestFailedException";

    /// <summary>The storage failure in <paramref name="ex"/>, or null where it is none.</summary>
    public static Exception? Find(Exception ex)
    {
        var seen = 0;
        var pending = new Queue<Exception>([ex]);
        while (pending.TryDequeue(out var e) && seen++ < 32)
        {
            if (e is Azure.RequestFailedException || (e is UnavailableExceptionFallbackException fallback && fallback.ExceptionType?.StartsWith(AzureFailure, StringComparison.Ordinal) == true))
            {
                return e;
            }

            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Enqueue(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Enqueue(inner);
            }
        }

        return null;
    }

    /// <summary>How what a caller is told of a storage failure begins (<see cref="Said"/>).</summary>
    public const string DidNotAnswer = "the incident's storage did not answer";

    public static bool Is(Exception ex) => Find(ex) is not null;

    /// <summary>
    /// What a caller is told: "the incident's storage did not answer (Connection refused …): nothing was done; send it
    /// again once it answers". The failure's first line only: the Azure SDK's message runs to headers and a request id.
    /// </summary>
    public static string Said(Exception ex) => $"{Cause(ex)}: nothing was done; send it again once it answers";

    /// <summary>
    /// What failed, without the advice a caller is given: "the incident's storage did not answer (Connection refused …)",
    /// as a hole in the record and <c>/health</c> say it.
    /// </summary>
    public static string Cause(Exception ex)
    {
        var found = Find(ex) ?? ex;
        var first = found.Message.Split('\n', 2)[0].Trim();
        var why = first.Length > 160 ? first[..160] + "…" : first;
        return $"{DidNotAnswer} ({why})";
    }
}
