using Azure;
using Azure.Storage.Blobs.Specialized;

namespace PredLlm.Synth.Worker.Storage.Blob;

/// <summary>A blob lease: the service enforces exclusivity and expiry.</summary>
internal sealed class BlobLease(BlobLeaseClient client) : IObjectLease
{
    public string LeaseId => client.LeaseId;

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (MeansLost(e))
        {
            throw new LeaseLostException($"the lease on '{client.Uri.AbsolutePath}' was lost", e);
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.ReleaseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (MeansLost(e))
        {
            // Someone else holds it now, or nobody does: either way it is not ours to give back.
        }
    }

    /// <summary>409 (another lease, or a broken one) and 412 (lease id mismatch) both mean the lease is not ours.</summary>
    public static bool MeansLost(RequestFailedException e) => e.Status is 409 or 412;
}
