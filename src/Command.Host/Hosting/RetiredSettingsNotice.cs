namespace Command.Host.Hosting;

/// <summary>
/// Says once, as the host starts, each retired setting its configuration still names, when it was retired and what became
/// of it: an operator upgrading learns the key does nothing now, and the host runs.
/// </summary>
internal sealed partial class RetiredSettingsNotice(IReadOnlyList<RetiredSetting> named, ILogger<RetiredSettingsNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var setting in named)
        {
            LogRetired(logger, setting.Path, setting.Since, setting.Why);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is set but was retired in {Since} and does nothing: {Why}")]
    private static partial void LogRetired(ILogger logger, string setting, string since, string why);
}
