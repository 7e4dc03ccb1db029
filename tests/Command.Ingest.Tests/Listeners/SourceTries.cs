using System.Threading.Channels;
using Command.Ingest.Intake;
using Command.Ingest.Kiss;
using Command.Ingest.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// A source client's tries as it tells them: connecting (null) or waiting before the next (how long), and each wait
/// before it renews its hold on the source.
/// </summary>
internal sealed class SourceTries
{
    private readonly Channel<TimeSpan?> heard = Channel.CreateUnbounded<TimeSpan?>();
    private readonly Channel<bool> renewing = Channel.CreateUnbounded<bool>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a rig with the KISS client on, reaching <paramref name="port"/>, watching the client from before it starts.</summary>
    public static Task<(IngestRig Rig, SourceTries Tries)> StartKissAsync(int port, Dictionary<string, string?>? settings = null, ISourceLease? lease = null) =>
        StartAsync<KissTncClient>("Ingest:Aprs:Kiss", port, settings, lease);

    /// <summary>
    /// Starts a rig with the client of section <paramref name="section"/> on, reaching <paramref name="port"/> on this
    /// machine, watching the client from before it starts.
    /// </summary>
    public static async Task<(IngestRig Rig, SourceTries Tries)> StartAsync<TClient>(string section, int port, Dictionary<string, string?>? settings = null, ISourceLease? lease = null)
        where TClient : SourceClient
    {
        var tries = new SourceTries();
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            [$"{section}:Enabled"] = "true",
            [$"{section}:Host"] = "127.0.0.1",
            [$"{section}:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var rig = await IngestRig.StartAsync(all, lease: lease, beforeStart: services =>
        {
            var client = services.GetServices<IHostedService>().OfType<TClient>().Single();
            client.Trying += wait => tries.heard.Writer.TryWrite(wait);
            client.Renewing += () => tries.renewing.Writer.TryWrite(true);
        });
        return (rig, tries);
    }

    /// <summary>The next time the client starts to connect, its timeout running.</summary>
    public async Task ConnectingAsync()
    {
        while (await heard.Reader.ReadAsync(Ct) is not null)
        {
        }
    }

    /// <summary>The next time the client starts to wait, its wait running on the ingest's clock: how long.</summary>
    public async Task<TimeSpan> WaitingAsync()
    {
        while (true)
        {
            if (await heard.Reader.ReadAsync(Ct) is { } wait)
            {
                return wait;
            }
        }
    }

    /// <summary>Lets the client's next wait run out.</summary>
    public async Task WaitOutAsync(IngestRig rig) => rig.Clock.Advance(await WaitingAsync());

    /// <summary>The next time the client, connected, starts to wait before it renews its hold.</summary>
    public async Task RenewingAsync() => await renewing.Reader.ReadAsync(Ct);
}
