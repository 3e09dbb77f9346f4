using System.Globalization;
using System.Text.Json;

namespace PredLlm.Synth.Worker.Storage.Folder;

/// <summary>
/// A lease on a file of the folder store, kept as numbered lock files in a directory of its own:
/// generation n+1 can only be created (exclusively, <see cref="FileMode.CreateNew"/>) once generation n has
/// expired, so of several replicas trying to take an expired lease exactly one wins. The holder renews by
/// rewriting its generation's expiry; a holder that finds a newer generation, or its own expired, has lost.
/// </summary>
/// <remarks>
/// Expiry compares times of the clocks of the replicas sharing the folder, so they must agree (one host,
/// or hosts kept in sync). A margin separates the last moment a holder may renew from the first moment
/// another may take over, so that a renewal and a takeover cannot both succeed.
/// </remarks>
internal sealed class FolderLease : IObjectLease
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    private readonly string _directory;
    private readonly long _generation;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;

    private FolderLease(string directory, long generation, string leaseId, TimeSpan duration, TimeProvider time)
    {
        _directory = directory;
        _generation = generation;
        LeaseId = leaseId;
        _duration = duration;
        _time = time;
    }

    public string LeaseId { get; }

    public static async Task<FolderLease?> TryAcquireAsync(string directory, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var latest = LatestGeneration(directory);
        if (latest is { } held && !await IsOpenForTakeoverAsync(directory, held, time, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var generation = (latest ?? 0) + 1;
        var lease = new FolderLease(directory, generation, Guid.NewGuid().ToString("N"), duration, time);
        var record = new LeaseRecord(lease.LeaseId, time.GetUtcNow() + duration);
        if (!await AtomicFile.TryCreateAsync(lease.OwnPath, AtomicFile.Bytes(record.ToBinary()), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // A taker stalled longer than a whole lease can find its generation number freed by cleanup
        // while a newer generation is held: then it has not got the lease.
        if (LatestGeneration(directory) != generation)
        {
            File.Delete(lease.OwnPath);
            return null;
        }

        foreach (var older in Generations(directory).Where(g => g < generation))
        {
            File.Delete(PathOf(directory, older));
        }

        return lease;
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var record = await EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        if (_time.GetUtcNow() > record.ExpiresAt - Margin)
        {
            throw new LeaseLostException($"the lease in '{_directory}' expired before it was renewed");
        }

        var renewed = record with { ExpiresAt = _time.GetUtcNow() + _duration };
        await AtomicFile.ReplaceAsync(OwnPath, AtomicFile.Bytes(renewed.ToBinary()), cancellationToken).ConfigureAwait(false);

        // A taker that judged the lease expired just before this renewal shows up as a newer generation.
        await EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var record = await LeaseRecord.ReadAsync(OwnPath, cancellationToken).ConfigureAwait(false);
        if (record?.LeaseId == LeaseId)
        {
            File.Delete(OwnPath);
        }
    }

    /// <summary>Throws unless this lease is still the newest generation and carries this holder's id.</summary>
    public async Task<LeaseRecord> EnsureHeldAsync(CancellationToken cancellationToken)
    {
        var record = await LeaseRecord.ReadAsync(OwnPath, cancellationToken).ConfigureAwait(false);
        if (record?.LeaseId != LeaseId || LatestGeneration(_directory) != _generation)
        {
            throw new LeaseLostException($"the lease in '{_directory}' was taken by another holder");
        }

        return record;
    }

    private string OwnPath => PathOf(_directory, _generation);

    private static async Task<bool> IsOpenForTakeoverAsync(string directory, long generation, TimeProvider time, CancellationToken cancellationToken)
    {
        // Gone: released (or cleaned up by a newer holder, whose generation the exclusive create will meet).
        var record = await LeaseRecord.ReadAsync(PathOf(directory, generation), cancellationToken).ConfigureAwait(false);
        return record is null || time.GetUtcNow() > record.ExpiresAt + Margin;
    }

    private static long? LatestGeneration(string directory)
    {
        var generations = Generations(directory).ToList();
        return generations.Count == 0 ? null : generations.Max();
    }

    private static IEnumerable<long> Generations(string directory) =>
        Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .Select(name => long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : (long?)null)
            .OfType<long>();

    private static string PathOf(string directory, long generation) =>
        Path.Combine(directory, generation.ToString("D19", CultureInfo.InvariantCulture));

    internal sealed record LeaseRecord(string LeaseId, DateTimeOffset ExpiresAt)
    {
        public BinaryData ToBinary() => BinaryData.FromObjectAsJson(this);

        /// <summary>The record, or null when the file is gone.</summary>
        public static async Task<LeaseRecord?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                return JsonSerializer.Deserialize<LeaseRecord>(bytes);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
        }
    }
}
