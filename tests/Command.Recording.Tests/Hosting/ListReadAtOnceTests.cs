using Command.Recording.Hosting;
using Command.Recording.Reading;
using Command.Recording.Tests.Scenarios;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Recording.Tests.Hosting;

/// <summary>How much one listing of sessions reads before it answers is the host's setting, refused at start where it cannot be.</summary>
public sealed class ListReadAtOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddCommandRecording(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task A_listing_reads_as_much_at_once_as_the_setting_says()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 30, snapshotEvery: 0);
        await using var byDefault = Services(new() { ["Recording:Path"] = drill.Store.Root });
        await using var none = Services(new() { ["Recording:Path"] = drill.Store.Root, ["Recording:ListReadAtOnce"] = "0" });

        var read = Assert.Single(await byDefault.GetRequiredService<SessionCatalogue>().ListAsync(Ct).ToListAsync(Ct));
        var apart = Assert.Single(await none.GetRequiredService<SessionCatalogue>().ListAsync(Ct).ToListAsync(Ct));

        // Within 64 MiB, read before the listing answers; with none to read at once, read apart from it.
        Assert.Equal((false, true), (read.Checking, apart.Checking));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1073741825")]
    public async Task A_listing_read_past_what_can_be_is_refused_at_start_naming_the_setting(string bytes)
    {
        await using var services = Services(new() { ["Recording:ListReadAtOnce"] = bytes });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingOptions>>().Value);

        Assert.Equal(
            [$"Recording:ListReadAtOnce is {bytes}: it must be 0 (every recording read apart from the listing) to 1073741824 bytes (1 GiB, some 16 s a listing would wait)."],
            error.Failures);
    }
}
