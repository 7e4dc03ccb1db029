using Azure.Storage.Blobs;
using Command.Domain.Annotations;
using Command.Domain.Recording;
using Command.Recording.Annotations;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Command.Recording.Hosting;

/// <summary>Registers session recording from the <c>Recording</c> configuration section.</summary>
public static class RecordingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISessionLog"/> (and <see cref="RecordingSessionLog"/>), <see cref="ISessionStore"/>,
    /// <see cref="SessionCatalogue"/> (list sessions, open one for replay) and a hosted service that prepares the
    /// store, drains spills left by a previous run, and flushes on shutdown. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddCommandRecording(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingOptions>, RecordingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionStore>(sp => CreateStore(Resolved(sp)));
        services.TryAddSingleton(sp => new RecordingSessionLog(
            sp.GetRequiredService<ISessionStore>(), Resolved(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RecordingSessionLog>>()));
        services.TryAddSingleton<ISessionLog>(sp => sp.GetRequiredService<RecordingSessionLog>());
        services.TryAddSingleton(sp => new SessionCatalogue(
            sp.GetRequiredService<ISessionStore>(), sp.GetRequiredService<TimeProvider>(), Resolved(sp).ListReadAtOnce, sp.GetRequiredService<ILogger<SessionCatalogue>>()));
        services.TryAddSingleton<IAnnotationLog>(sp => new StoreAnnotationLog(
            sp.GetRequiredService<ISessionStore>(), Resolved(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<RecordingLifetime>();
        return services;
    }

    /// <summary>Creates the store an options value names (also used by the report tool).</summary>
    public static ISessionStore CreateStore(RecordingOptions options) => options.Provider switch
    {
        RecordingProvider.Blob => new BlobSessionStore(new BlobServiceClient(options.ConnectionString, BlobOptions(options)).GetBlobContainerClient(options.Container)),
        _ => new DiskSessionStore(options.Path),
    };

    /// <summary>
    /// The SDK's own retries are turned off: Polly retries at the edge, once, and the circuit breaker must see
    /// each failure as it happens. The SDK's own time limit on a request stands behind Polly's
    /// (<see cref="RecordingOptions.RequestTimeout"/>), so a request storage answers too slowly ends as Polly's timeout,
    /// which is retried, counted and spilled as storage failing: ended by the SDK's, at the same instant, it was a
    /// cancellation, which an append took for a fault of its own and a command's caller was answered 500.
    /// </summary>
    public static BlobClientOptions BlobOptions(RecordingOptions options) => new()
    {
        Retry = { MaxRetries = 0, NetworkTimeout = options.RequestTimeout * 2 },
    };

    private static RecordingOptions Resolved(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RecordingOptions>>().Value;
        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        options.Path = Path.GetFullPath(options.Path, root);
        options.SpillPath = Path.GetFullPath(options.SpillPath, root);
        return options;
    }
}
