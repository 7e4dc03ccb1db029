using Command.Domain.Assessment;
using Command.Domain.Views;
using Command.Grains;
using Command.Grains.Access;
using Orleans.Persistence.FileStorage;
using Command.Grains.Incidents;
using Orleans.Configuration;

namespace Command.Host.Hosting;

/// <summary>Co-hosts an Orleans silo in the web process.</summary>
public static class SiloSetup
{
    public static WebApplicationBuilder AddCommandSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(IncidentClock.Key, TimeProvider.System);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Assessment").Get<AssessmentOptions>() ?? AssessmentOptions.Default);
        var pacing = builder.Configuration.GetSection(FramePacing.Section).Get<FramePacing>() ?? FramePacing.Default;
        if (pacing.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddSingleton(pacing);
        builder.Services.Configure<IncidentGrainOptions>(builder.Configuration.GetSection("Incidents"));
        builder.Services.PostConfigure<IncidentGrainOptions>(o =>
            o.PersistOnShutdown &= string.Equals(silo.GrainStorage, "AzureBlob", StringComparison.OrdinalIgnoreCase));
        builder.UseOrleans(orleans =>
        {
            if (string.Equals(silo.Clustering, "AzureTable", StringComparison.OrdinalIgnoreCase))
            {
                var connection = Require(silo.StorageConnectionString, "Cluster:StorageConnectionString is required for AzureTable clustering");
                orleans.Configure<ClusterOptions>(o => { o.ClusterId = silo.ClusterId; o.ServiceId = silo.ClusterId; });
                orleans.ConfigureEndpoints(System.Net.IPAddress.Loopback, silo.SiloPort, silo.GatewayPort);
                orleans.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(connection));
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ClusterId, clusterId: silo.ClusterId);
            }

            // People and tokens outlive a restart in every mode: in the cluster's Blob storage, or a file in the data folder.
            if (silo.SharesStorage)
            {
                var connection = Require(silo.StorageConnectionString, "Cluster:StorageConnectionString is required to keep people and tokens in the cluster");
                orleans.AddAzureBlobGrainStorage(AccessStorage.Name, o => o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(connection));
            }
            else
            {
                orleans.AddFileGrainStorage(AccessStorage.Name, o => o.RootDirectory = Path.Combine(DataFolder.Resolve(builder), "access"));
            }

            if (string.Equals(silo.GrainStorage, "AzureBlob", StringComparison.OrdinalIgnoreCase))
            {
                var connection = Require(silo.StorageConnectionString, "Cluster:StorageConnectionString is required for AzureBlob grain storage");
                orleans.AddAzureBlobGrainStorage(GrainStorage.Name, o => o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(connection));
            }
            else
            {
                orleans.AddMemoryGrainStorage(GrainStorage.Name);

                // State kept in memory never outlives the process, so it needs no readable format: Orleans' own
                // serializer copies an incident's multi-megabyte snapshot where the default JSON one escapes it.
                orleans.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(GrainStorage.Name)
                    .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer));
            }
        });
        return builder;
    }

    private static string Require(string? value, string message) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException(message) : value;
}
