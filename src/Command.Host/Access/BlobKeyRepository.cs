using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Command.Host.Access;

/// <summary>
/// Data-protection keys as blobs, one per key, in a container every host of the cluster reads. Data protection asks
/// for its keys synchronously, so this uses the storage client's synchronous calls (none wraps an asynchronous one).
/// </summary>
public sealed class BlobKeyRepository(BlobContainerClient container) : IXmlRepository
{
    /// <summary>The container the key ring lives in.</summary>
    public const string Container = "command-keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        container.CreateIfNotExists();
        return [.. container.GetBlobs().Select(b => XElement.Parse(container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString()))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        container.CreateIfNotExists();
        try
        {
            container.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another host stored the same key first: keys are named by their id, so it is the same key.
        }
    }
}
