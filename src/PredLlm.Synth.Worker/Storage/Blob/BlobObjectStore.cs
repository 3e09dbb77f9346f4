using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace PredLlm.Synth.Worker.Storage.Blob;

/// <summary>The storage contract on Azure Blob Storage (or Azurite): one container per area.</summary>
internal sealed class BlobObjectStore(BlobServiceClient service, AreaNames areas) : IObjectStore
{
    public bool StampsCommitTimes => true;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var (area, _) in areas.All)
        {
            await Container(area).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(StoreArea area, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = Container(area).GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken);
        await foreach (var blob in blobs.ConfigureAwait(false))
        {
            yield return new StoredObject(
                blob.Name,
                blob.Properties.ETag?.ToString() ?? throw new InvalidOperationException("the blob listing gave no ETag"),
                blob.Properties.LastModified ?? throw new InvalidOperationException("the blob listing gave no Last-Modified time"),
                new Dictionary<string, string>(blob.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase));
        }
    }

    public async Task DownloadAsync(StoreArea area, StoredObject version, string localPath, CancellationToken cancellationToken)
    {
        var options = new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(version.ETag) } };
        try
        {
            await Blob(area, version.Name).DownloadToAsync(localPath, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new ObjectVersionGoneException($"'{version.Name}' was deleted or replaced before it could be read.", e);
        }
    }

    public Task<bool> TryCreateAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken) =>
        TryCreate(() => Blob(area, name).UploadAsync(content, CreateOnly, cancellationToken));

    public Task<bool> TryCreateFromFileAsync(StoreArea area, string name, string localPath, CancellationToken cancellationToken) =>
        TryCreate(() => Blob(area, name).UploadAsync(localPath, CreateOnly, cancellationToken));

    public async Task<BinaryData?> ReadAsync(StoreArea area, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Blob(area, name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(StoreArea area, string name, CancellationToken cancellationToken) =>
        (await Blob(area, name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    public Task WriteAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken) =>
        Blob(area, name).UploadAsync(content, overwrite: true, cancellationToken);

    public async Task ReplaceAsync(StoreArea area, string name, BinaryData content, IObjectLease lease, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } };
        try
        {
            await Blob(area, name).UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (BlobLease.MeansLost(e))
        {
            throw new LeaseLostException($"the lease on '{name}' is no longer held", e);
        }
    }

    public async Task<bool> DeleteVersionAsync(StoreArea area, StoredObject version, CancellationToken cancellationToken)
    {
        try
        {
            var conditions = new BlobRequestConditions { IfMatch = new ETag(version.ETag) };
            var response = await Blob(area, version.Name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken)
                .ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(StoreArea area, string name, CancellationToken cancellationToken) =>
        (await Blob(area, name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;

    public async Task<IObjectLease?> TryAcquireLeaseAsync(StoreArea area, string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var client = Blob(area, name).GetBlobLeaseClient();
        try
        {
            await client.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BlobLease(client);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    private static readonly BlobUploadOptions CreateOnly = new()
    {
        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
    };

    private static async Task<bool> TryCreate(Func<Task> upload)
    {
        try
        {
            await upload().ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private BlobContainerClient Container(StoreArea area) => service.GetBlobContainerClient(areas.NameOf(area));

    private BlobClient Blob(StoreArea area, string name) => Container(area).GetBlobClient(name);
}
