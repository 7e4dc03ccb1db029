using Command.Recording.Hosting;
using Command.Recording.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Recording.Tests.Hosting;

/// <summary>Times the recording gives its storage retries: Polly takes 10 ms to a day.</summary>
public sealed class RecordingTimeLimitTests
{
    [Theory]
    [InlineData("Recording:RequestTimeout")]
    [InlineData("Recording:AppendTimeout")]
    [InlineData("Recording:BreakDuration")]
    [InlineData("Recording:RetryMaxDelay")]
    public async Task A_time_over_a_day_is_refused_at_start_naming_the_setting(string setting)
    {
        // Accepted, it failed only as the first session opened, and that session's recording with it.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = "1.00:00:01" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCommandRecording(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingOptions>>().Value);

        Assert.Equal([$"{setting} must be at most 1 day (the longest the storage retries take); set it shorter."], error.Failures);
    }

    [Theory]
    [InlineData("Recording:RequestTimeout")]
    [InlineData("Recording:AppendTimeout")]
    public async Task A_timeout_under_ten_milliseconds_is_refused_at_start_naming_the_setting(string setting)
    {
        // Positive, so accepted, it too failed only as the first session opened: Polly takes no timeout under 10 ms.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = "00:00:00.005" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCommandRecording(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RecordingOptions>>().Value);

        Assert.Equal([$"{setting} must be at least 10 ms (the shortest a storage request may be given); set it longer."], error.Failures);
    }

    [Fact]
    public void The_shortest_timeouts_allowed_make_a_storage_pipeline()
    {
        var options = new RecordingOptions { RequestTimeout = TimeSpan.FromMilliseconds(10), AppendTimeout = TimeSpan.FromMilliseconds(10) };

        var resilience = StorageResilience.Create(options, TimeProvider.System);

        Assert.NotNull(resilience);
    }

    [Fact]
    public void Append_retries_whose_longest_wait_would_pass_a_day_still_make_a_storage_pipeline()
    {
        // Each setting within its limit, but the base delay doubled per retry passed Polly's day: the first session failed to open.
        var options = new RecordingOptions { RetryBaseDelay = TimeSpan.FromHours(2), RetryMaxDelay = TimeSpan.FromHours(2), AppendRetries = 4 };

        var resilience = StorageResilience.Create(options, TimeProvider.System);

        Assert.NotNull(resilience);
    }
}
