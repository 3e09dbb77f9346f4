namespace PredLlm.Synth.Worker.Storage;

/// <summary>
/// The few storage operations the worker needs, with the same guarantees on Azure Blob Storage and on a
/// local folder: conditional creation that never overwrites, reads and deletes conditioned on a version,
/// and exclusive, expiring leases.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// True when <see cref="StoredObject.LastModified"/> is stamped by the store as a version is committed,
    /// so a later version never carries an earlier time (blob storage). A folder keeps whatever
    /// modification time a file arrives with (<c>mv</c> keeps an old one), so a scan cannot skip by time there.
    /// </summary>
    bool StampsCommitTimes { get; }

    /// <summary>Creates the areas that do not exist yet.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Every object in the area, with its metadata.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(StoreArea area, CancellationToken cancellationToken);

    /// <summary>Copies exactly this version to a local file.</summary>
    /// <exception cref="ObjectVersionGoneException">The object was deleted or replaced by a newer version.</exception>
    Task DownloadAsync(StoreArea area, StoredObject version, string localPath, CancellationToken cancellationToken);

    /// <summary>Creates the object only if no object of that name exists (If-None-Match: *).</summary>
    /// <returns>False when the name was taken; the existing object is left untouched.</returns>
    Task<bool> TryCreateAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken);

    /// <inheritdoc cref="TryCreateAsync(StoreArea, string, BinaryData, CancellationToken)"/>
    Task<bool> TryCreateFromFileAsync(StoreArea area, string name, string localPath, CancellationToken cancellationToken);

    /// <summary>The object's content, or null when it does not exist.</summary>
    Task<BinaryData?> ReadAsync(StoreArea area, string name, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(StoreArea area, string name, CancellationToken cancellationToken);

    /// <summary>Creates or overwrites the object (last writer wins).</summary>
    Task WriteAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken);

    /// <summary>Replaces an existing object that the caller holds a lease on.</summary>
    /// <exception cref="LeaseLostException">The lease is no longer held.</exception>
    Task ReplaceAsync(StoreArea area, string name, BinaryData content, IObjectLease lease, CancellationToken cancellationToken);

    /// <summary>Deletes the object if it is still this version (If-Match); a newer version is kept.</summary>
    /// <returns>False when the object was gone or had been replaced.</returns>
    Task<bool> DeleteVersionAsync(StoreArea area, StoredObject version, CancellationToken cancellationToken);

    /// <summary>Deletes the object whatever its version; false when there was none.</summary>
    Task<bool> DeleteAsync(StoreArea area, string name, CancellationToken cancellationToken);

    /// <summary>Takes an exclusive lease on an existing object for <paramref name="duration"/>.</summary>
    /// <returns>Null when another holder has a lease that has not expired.</returns>
    Task<IObjectLease?> TryAcquireLeaseAsync(StoreArea area, string name, TimeSpan duration, CancellationToken cancellationToken);
}
