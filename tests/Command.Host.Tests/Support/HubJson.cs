using System.Text.Json;
using Command.Host.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Host.Tests.Support;

/// <summary>The JSON options the host's hub writes frames with, as the host configures them.</summary>
internal static class HubJson
{
    public static JsonSerializerOptions Options { get; } = new ServiceCollection().AddLogging().AddCommandLive()
        .BuildServiceProvider().GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
}
