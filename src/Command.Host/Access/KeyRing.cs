using Azure.Storage.Blobs;
using Command.Host.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Command.Host.Access;

/// <summary>
/// The data-protection key ring that seals session cookies and machine tokens. It must outlive a restart (or every
/// sign-in and token would stop working) and, in a cluster, be the same on every host (or a cookie one host issued
/// would be refused by the next): in the data folder's <c>keys</c> on one host, in the Blob container
/// <see cref="BlobKeyRepository.Container"/> when the cluster keeps its grains on Blob storage.
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddCommandKeyRing(this IServiceCollection services, string dataPath, SiloOptions silo)
    {
        var protection = services.AddDataProtection().SetApplicationName("Command");
        if (silo.SharesStorage)
        {
            var connection = silo.StorageConnectionString ?? throw new InvalidOperationException("Cluster:StorageConnectionString is required to share the key ring");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobKeyRepository(new BlobServiceClient(connection).GetBlobContainerClient(BlobKeyRepository.Container)));
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
        }

        return services;
    }
}
