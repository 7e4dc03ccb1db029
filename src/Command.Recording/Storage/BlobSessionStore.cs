using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Command.Recording.Layout;

namespace Command.Recording.Storage;

/// <summary>
/// Sessions as blobs in one container: segments are append blobs, manifests and snapshots block blobs. Each append
/// is conditional on the blob's current length, which makes a retried append exactly-once, and, with an owner, on
/// the owner's lease, which fences off a writer that lost its session to another host.
/// </summary>
public sealed class BlobSessionStore(BlobContainerClient container) : ISessionStore
{
    public string Location => $"blob:{container.Name}";

    public async Task AppendAsync(string path, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        var blob = container.GetAppendBlobClient(path);
        if (offset == 0 && owner is null)
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        try
        {
            using var content = new MemoryStream(data.ToArray(), writable: false);
            var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = offset, LeaseId = owner };
            await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsLeaseLost(ex))
        {
            throw new SessionOwnershipLostException(path, ex);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.AppendPositionConditionNotMet)
        {
            // The blob moved past the offset: an earlier attempt landed although its reply was lost. Accept it, and
            // write only what is missing, when the bytes there are the start of these very bytes.
            var landed = await LandedAsync(blob, offset, data, cancellationToken);
            if (landed < 0)
            {
                throw new InvalidOperationException($"{path} holds other bytes after offset {offset} than this append.", ex);
            }

            if (landed < data.Length)
            {
                await AppendAsync(path, offset + landed, data[landed..], cancellationToken, owner);
            }
        }
    }

    /// <summary>How many leading bytes of <paramref name="data"/> the blob already holds at <paramref name="offset"/>; -1 when it holds others.</summary>
    private static async Task<int> LandedAsync(AppendBlobClient blob, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var length = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        var landed = length - offset;
        if (landed <= 0 || landed > data.Length)
        {
            return -1;
        }

        var options = new BlobDownloadOptions { Range = new HttpRange(offset, landed) };
        var existing = (await blob.DownloadContentAsync(options, cancellationToken)).Value.Content.ToMemory();
        return existing.Span.SequenceEqual(data.Span[..(int)landed]) ? (int)landed : -1;
    }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string? owner = null)
    {
        try
        {
            var options = new BlobUploadOptions { Conditions = owner is null ? null : new BlobRequestConditions { LeaseId = owner } };
            await container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(data), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsLeaseLost(ex))
        {
            throw new SessionOwnershipLostException(path, ex);
        }
    }

    public async Task TakeOverAsync(string path, string owner, bool appendable, CancellationToken cancellationToken)
    {
        if (appendable)
        {
            await container.GetAppendBlobClient(path).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        else if (!await container.GetBlobClient(path).ExistsAsync(cancellationToken))
        {
            try
            {
                await container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes([]), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer created it a moment ago: its lease is broken next, like any other.
            }
        }

        var lease = container.GetBlobClient(path).GetBlobLeaseClient(owner);
        try
        {
            await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
        {
            // The previous writer's lease, left by a host that died or moved the incident: break it, then take it.
            await container.GetBlobClient(path).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
            await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken);
        }
    }

    private static bool IsLeaseLost(RequestFailedException ex) =>
        ex.ErrorCode == BlobErrorCode.LeaseIdMismatchWithBlobOperation || ex.ErrorCode == BlobErrorCode.LeaseLost
        || ex.ErrorCode == BlobErrorCode.LeaseNotPresentWithBlobOperation || ex.ErrorCode == BlobErrorCode.LeaseIdMismatchWithLeaseOperation;

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

    public async Task<int> DeleteSessionAsync(string incidentId, CancellationToken cancellationToken)
    {
        var prefix = SessionPaths.Require(incidentId) + "/";
        var count = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            count++;
        }

        return count;
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
}
