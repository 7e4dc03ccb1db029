using Azure.Storage.Blobs;

namespace Command.Recording.Hosting;

/// <summary>
/// An Azure Storage connection string, checked as the host starts: one the SDK cannot read failed only once the
/// recording or the silo first used it, with the SDK's words ("Settings must be of the form "name=value"") and no
/// word of which setting held it.
/// </summary>
public static class StorageConnection
{
    /// <summary>What is wrong with <paramref name="value"/> of <paramref name="setting"/>; null where the SDK reads it.</summary>
    /// <remarks>The value itself is not repeated: it holds the storage account's key.</remarks>
    public static string? Problem(string setting, string value)
    {
        try
        {
            _ = new BlobServiceClient(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"{setting} is not an Azure Storage connection string ({e.Message.TrimEnd('.')}): give one such as "
                + "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net, or UseDevelopmentStorage=true for Azurite";
        }
    }
}
