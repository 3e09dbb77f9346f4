using System.Globalization;

namespace PredLlm.Synth.Worker.Storage.Folder;

/// <summary>
/// The storage contract on a local folder (the embedded default): one sub-folder per area, names are
/// relative paths. Creation is exclusive, replacement and deletion are atomic renames, and leases are
/// expiring lock files (<see cref="FolderLease"/>), so several replicas may share the folder.
/// </summary>
/// <remarks>
/// Names starting with a dot are never listed: copy a large file in under a dot-name and rename it, or
/// rely on the quiet period, which skips files written to within the last <see cref="QuietPeriod"/>.
/// A version is the file's modification time and length, and a download checks it did not change.
/// </remarks>
internal sealed class FolderObjectStore(string root, AreaNames areas, TimeProvider time) : IObjectStore
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    private const string LeasesFolder = ".leases";

    public bool StampsCommitTimes => false;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var (area, _) in areas.All)
        {
            Directory.CreateDirectory(AreaPath(area));
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<StoredObject> ListAsync(StoreArea area, CancellationToken cancellationToken)
    {
        var areaPath = AreaPath(area);
        var settledBefore = time.GetUtcNow().UtcDateTime - QuietPeriod;
        return Directory.EnumerateFiles(areaPath, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(areaPath, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => !name.Split('/').Any(segment => segment.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .Select(name => (Name: name, File: new FileInfo(PathOf(area, name))))
            .Where(entry => entry.File.Exists && entry.File.LastWriteTimeUtc <= settledBefore)
            .Select(entry => new StoredObject(
                entry.Name,
                ETagOf(entry.File),
                entry.File.LastWriteTimeUtc,
                new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)))
            .ToAsyncEnumerable();
    }

    public async Task DownloadAsync(StoreArea area, StoredObject version, string localPath, CancellationToken cancellationToken)
    {
        var path = PathOf(area, version.Name);
        EnsureVersion(path, version);
        try
        {
            var source = File.OpenRead(path);
            await using (source.ConfigureAwait(false))
            {
                var target = File.Create(localPath);
                await using (target.ConfigureAwait(false))
                {
                    await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (FileNotFoundException e)
        {
            throw Gone(version, e);
        }

        // A file replaced or still being written while it was copied is not the version asked for.
        EnsureVersion(path, version);
    }

    public Task<bool> TryCreateAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken) =>
        AtomicFile.TryCreateAsync(PathOf(area, name), AtomicFile.Bytes(content), cancellationToken);

    public Task<bool> TryCreateFromFileAsync(StoreArea area, string name, string localPath, CancellationToken cancellationToken) =>
        AtomicFile.TryCreateAsync(PathOf(area, name), AtomicFile.CopyOf(localPath), cancellationToken);

    public async Task<BinaryData?> ReadAsync(StoreArea area, string name, CancellationToken cancellationToken)
    {
        try
        {
            return new BinaryData(await File.ReadAllBytesAsync(PathOf(area, name), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(StoreArea area, string name, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(area, name)));

    public Task WriteAsync(StoreArea area, string name, BinaryData content, CancellationToken cancellationToken) =>
        AtomicFile.ReplaceAsync(PathOf(area, name), AtomicFile.Bytes(content), cancellationToken);

    public async Task ReplaceAsync(StoreArea area, string name, BinaryData content, IObjectLease lease, CancellationToken cancellationToken)
    {
        var folderLease = lease as FolderLease ?? throw new ArgumentException("not a lease of the folder store", nameof(lease));
        await folderLease.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        await AtomicFile.ReplaceAsync(PathOf(area, name), AtomicFile.Bytes(content), cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> DeleteVersionAsync(StoreArea area, StoredObject version, CancellationToken cancellationToken)
    {
        // Compare-and-delete in two atomic steps: move the file aside, then look at what was moved.
        var path = PathOf(area, version.Name);
        var aside = AtomicFile.TemporaryPathBeside(path);
        try
        {
            File.Move(path, aside, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }

        if (ETagOf(new FileInfo(aside)) == version.ETag)
        {
            File.Delete(aside);
            return Task.FromResult(true);
        }

        // A newer version was moved aside: put it back unless an even newer one has arrived since.
        HardLink.TryCreate(aside, path);
        File.Delete(aside);
        return Task.FromResult(false);
    }

    public Task<bool> DeleteAsync(StoreArea area, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(area, name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public async Task<IObjectLease?> TryAcquireLeaseAsync(StoreArea area, string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!File.Exists(PathOf(area, name)))
        {
            throw new FileNotFoundException($"there is no '{name}' to lease", name);
        }

        var directory = Path.Combine(AreaPath(area), LeasesFolder, Path.Combine(SegmentsOf(name)));
        return await FolderLease.TryAcquireAsync(directory, duration, time, cancellationToken).ConfigureAwait(false);
    }

    private string AreaPath(StoreArea area) => Path.GetFullPath(Path.Combine(root, areas.NameOf(area)));

    private string PathOf(StoreArea area, string name) => Path.Combine(AreaPath(area), Path.Combine(SegmentsOf(name)));

    private static string[] SegmentsOf(string name)
    {
        var segments = name.Split('/');
        if (segments.Any(segment => segment.Length == 0 || segment is "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a valid object name: empty, '.' or '..' path segment", nameof(name));
        }

        return segments;
    }

    private static string ETagOf(FileInfo file) => string.Create(
        CultureInfo.InvariantCulture,
        $"\"{file.LastWriteTimeUtc.Ticks:x}-{file.Length:x}\"");

    private static void EnsureVersion(string path, StoredObject version)
    {
        var file = new FileInfo(path);
        if (!file.Exists || ETagOf(file) != version.ETag)
        {
            throw Gone(version, null);
        }
    }

    private static ObjectVersionGoneException Gone(StoredObject version, Exception? cause)
    {
        var message = $"'{version.Name}' was deleted or replaced before it could be read.";
        return cause is null ? new ObjectVersionGoneException(message) : new ObjectVersionGoneException(message, cause);
    }
}
