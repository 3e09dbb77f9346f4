using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>Receipts of input versions in the state area; a receipt is also what a replica leases to claim its version.</summary>
internal sealed class ReceiptBook(IObjectStore store)
{
    public static string NameOf(InputVersion version) => $"receipts/{version.Name}/{version.RunId}.json";

    /// <summary>Creates the pending receipt unless one exists (If-None-Match:*); an existing receipt is never reset.</summary>
    public Task<bool> EnsureCreatedAsync(InputVersion version, CancellationToken cancellationToken) =>
        store.TryCreateAsync(StoreArea.State, NameOf(version), VersionReceipt.PendingFor(version).ToBinary(), cancellationToken);

    public async Task<VersionReceipt?> ReadAsync(InputVersion version, CancellationToken cancellationToken)
    {
        var data = await store.ReadAsync(StoreArea.State, NameOf(version), cancellationToken).ConfigureAwait(false);
        return data is null ? null : VersionReceipt.FromBinary(data);
    }

    public Task ReplaceAsync(InputVersion version, VersionReceipt receipt, IObjectLease lease, CancellationToken cancellationToken) =>
        store.ReplaceAsync(StoreArea.State, NameOf(version), receipt.ToBinary(), lease, cancellationToken);

    public Task<IObjectLease?> TryLeaseAsync(InputVersion version, TimeSpan duration, CancellationToken cancellationToken) =>
        store.TryAcquireLeaseAsync(StoreArea.State, NameOf(version), duration, cancellationToken);
}
