using Command.Domain.Recording;
using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Tests.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Recording.Tests.Hosting;

public sealed class AddCommandRecordingTests(AzuriteFixture azurite)
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddCommandRecording(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void A_blob_request_that_runs_out_of_time_ends_as_the_recording_s_timeout_not_the_sdk_s()
    {
        // The SDK's timer and Polly's ran out together on slow storage: the SDK's cancellation won, was not taken for
        // storage failing, and the command waiting on the append was answered 500.
        var options = new RecordingOptions { RequestTimeout = TimeSpan.FromSeconds(10) };

        var sdk = RecordingServiceCollectionExtensions.BlobOptions(options).Retry;

        Assert.Equal((0, TimeSpan.FromSeconds(20)), (sdk.MaxRetries, sdk.NetworkTimeout));
    }

    [Fact]
    public async Task Disk_is_the_default_provider_under_data_sessions()
    {
        await using var services = Services([]);

        var store = Assert.IsType<DiskSessionStore>(services.GetRequiredService<ISessionStore>());
        Assert.Equal(Path.GetFullPath("data/sessions"), store.Root);
        Assert.Same(services.GetRequiredService<Command.Recording.Writing.RecordingSessionLog>(), services.GetRequiredService<ISessionLog>());
        Assert.NotNull(services.GetRequiredService<SessionCatalogue>());
    }

    [Fact]
    public async Task The_blob_provider_uses_the_configured_connection_and_container()
    {
        await using var services = Services(new()
        {
            ["Recording:Provider"] = "Blob",
            ["Recording:ConnectionString"] = azurite.ConnectionString,
            ["Recording:Container"] = "configured-sessions",
        });

        var store = services.GetRequiredService<ISessionStore>();
        await store.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        Assert.Equal("blob:configured-sessions", store.Location);
    }

    [Fact]
    public async Task A_blob_provider_without_a_connection_string_is_refused_at_start()
    {
        await using var services = Services(new() { ["Recording:Provider"] = "Blob", ["Recording:Container"] = "Bad_Name" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingOptions>>().Value);
        Assert.Equal(
            ["Recording:ConnectionString is required when Recording:Provider is Blob.",
             "Recording:Container 'Bad_Name' is not a blob container name (3-63 lower-case letters, digits, single hyphens)."],
            error.Failures);
    }
}
