using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Command.Recording.Layout;

namespace Command.Recording.Storage;

/// <summary>
/// Sessions as blobs in one container: segments are append blobs, manifests and keyframes block blobs. Each append
/// is conditional on the blob's current length, which makes a retried append exactly-once.
/// </summary>
public sealed class BlobSessionStore(BlobContainerClient container) : ISessionStore
{
    public string Location => $"blob:{container.Name}";

    public async Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var blob = container.GetAppendBlobClient(path);
        if (offset == 0)
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        try
        {
            using var content = new MemoryStream(data.ToArray(), writable: false);
            var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = offset };
            await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
        {
            // The blob already moved past the offset: accept only if that was this very append landing earlier.
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength != offset + data.Length)
            {
                throw new InvalidOperationException(
                    $"{path} is {properties.Value.ContentLength} bytes; expected {offset} before this append or {offset + data.Length} after it.", ex);
            }
        }
    }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        await container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(data), overwrite: true, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string path, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobDownloadOptions { Range = new HttpRange(offset) };
            var response = await container.GetBlobClient(path).DownloadStreamingAsync(options, cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 416)
        {
            // A range starting exactly at the end of the blob: nothing more to read.
            return new MemoryStream([], writable: false);
        }
    }

    public async Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string incidentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = SessionPaths.Require(incidentId) + "/";
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
        {
            if (item.IsBlob)
            {
                yield return new StoredObject(item.Blob.Name[prefix.Length..], item.Blob.Properties.ContentLength ?? 0);
            }
        }
    }

    public async IAsyncEnumerable<string> ListSessionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
        {
            if (item.IsPrefix)
            {
                var incidentId = item.Prefix.TrimEnd('/');
                if (await container.GetBlobClient(SessionPaths.Manifest(incidentId)).ExistsAsync(cancellationToken))
                {
                    yield return incidentId;
                }
            }
        }
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
}
