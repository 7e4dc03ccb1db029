using Command.Host.Hosting;
using Orleans.Serialization;

namespace Command.Host.Tests;

/// <summary>A storage failure is found wherever it is in a failure: wrapped, among the Azure SDK's retries, or as Orleans carried it from another host.</summary>
public sealed class StorageUnreachableTests
{
    private static readonly Azure.RequestFailedException Refused = new("Connection refused (127.0.0.1:10000)\nStatus: 0\nHeaders: …");

    [Fact]
    public void A_storage_failure_is_found_wrapped_among_retries_and_carried_from_another_host()
    {
        var retried = new AggregateException("Retry failed after 4 tries.", new TimeoutException("first try"), Refused);
        // As Orleans' exception codec leaves a type it could not make again here: by its name.
        var carried = new UnavailableExceptionFallbackException("Connection refused (127.0.0.1:10000)", null!);
        typeof(UnavailableExceptionFallbackException).GetProperty(nameof(carried.ExceptionType))!.SetValue(carried, "Azure.RequestFailedException, Azure.Core");

        Assert.Same(Refused, StorageUnreachable.Find(new OrleansException("activation failed", retried)));
        Assert.Same(carried, StorageUnreachable.Find(new InvalidOperationException("wrapped", carried)));
        Assert.Null(StorageUnreachable.Find(new OrleansException("something else", new TimeoutException("slow"))));
        Assert.Equal("the incident's storage did not answer (Connection refused (127.0.0.1:10000)): nothing was done; send it again once it answers",
            StorageUnreachable.Said(new OrleansException("activation failed", retried)));
    }
}
