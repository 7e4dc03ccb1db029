using Command.Recording.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Host.Tests.Hosting;

/// <summary>A storage connection string the SDK cannot read is refused at start, naming its setting and never its value.</summary>
public sealed class StorageConnectionTests
{
    private const string Guidance = "give one such as DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net, or UseDevelopmentStorage=true for Azurite";

    [Fact]
    public async Task A_blob_recording_with_a_connection_string_that_is_none_is_refused_naming_the_setting()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddCommandRecording(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Recording:Provider"] = "Blob",
                ["Recording:ConnectionString"] = "AccountKey-secret",
            }).Build())
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingOptions>>().Value);

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Recording:ConnectionString is not an Azure Storage connection string (", failure, StringComparison.Ordinal);
        Assert.EndsWith(Guidance + ".", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey-secret", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10120/devstoreaccount1;")]
    public void A_connection_string_the_sdk_reads_is_taken(string connection)
    {
        Assert.Null(StorageConnection.Problem("Recording:ConnectionString", connection));
    }
}
