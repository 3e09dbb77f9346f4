using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// Finds the input versions that still need work by listing the inbox. Every new version gets a receipt
/// (If-None-Match:*), so nothing listed is ever forgotten. A watermark, kept in the state area, marks the
/// upload time before which every version is settled: older versions are passed over without reading
/// their receipts, so the cost of a scan does not grow with everything processed before.
/// </summary>
/// <remarks>
/// Receipts are keyed by input name and ETag, never by replica or host, so a restarted or renamed
/// replica does not reprocess anything. The watermark is used only where the store stamps commit times
/// (<see cref="IObjectStore.StampsCommitTimes"/>), and lags by <see cref="WorkerOptions.ClockSkewAllowance"/>
/// to absorb clock skew between the storage servers that stamp uploads.
/// </remarks>
internal sealed class InboxScanner(IObjectStore store, ReceiptBook receipts, IOptions<WorkerOptions> options, ILogger<InboxScanner> logger)
{
    public const string WatermarkName = "inbox-watermark.json";

    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _receipted = new(StringComparer.Ordinal);
    private DateTimeOffset? _watermark;

    public async Task<InboxScan> ScanAsync(CancellationToken cancellationToken)
    {
        var watermark = await WatermarkAsync(cancellationToken).ConfigureAwait(false);
        var from = watermark == DateTimeOffset.MinValue ? watermark : watermark - options.Value.ClockSkewAllowance;
        var candidates = new List<InputVersion>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? newest = null;
        var passedOver = 0;
        await foreach (var stored in store.ListAsync(StoreArea.Inbox, cancellationToken).ConfigureAwait(false))
        {
            var version = InputVersion.From(stored);
            listed.Add(version.RunId);
            newest = newest is null || stored.LastModified > newest ? stored.LastModified : newest;
            if (stored.LastModified < from)
            {
                passedOver++;
                continue;
            }

            if (_settled.Contains(version.RunId))
            {
                continue;
            }

            if (!_receipted.Contains(version.RunId))
            {
                if (await receipts.EnsureCreatedAsync(version, cancellationToken).ConfigureAwait(false))
                {
                    logger.LogInformation("New input {Input}: table {Table}, run {Run}", version.Name, version.TableName, version.RunId);
                }

                _receipted.Add(version.RunId);
            }

            candidates.Add(version);
        }

        // Remember only what the inbox still holds, so memory does not grow with history either.
        _settled.IntersectWith(listed);
        _receipted.IntersectWith(listed);
        var ordered = candidates.OrderBy(v => v.Stored.LastModified).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
        return new InboxScan(ordered, newest, passedOver);
    }

    /// <summary>The version has its final outcome: later scans skip it without touching storage.</summary>
    public void MarkSettled(InputVersion version) => _settled.Add(version.RunId);

    /// <summary>After a pass over a scan's candidates: moves the watermark up to the oldest version not yet settled.</summary>
    public async Task AdvanceWatermarkAsync(InboxScan scan, CancellationToken cancellationToken)
    {
        if (!store.StampsCommitTimes)
        {
            return;
        }

        var unsettled = scan.Candidates.Where(v => !_settled.Contains(v.RunId)).Select(v => v.Stored.LastModified).ToList();
        var next = unsettled.Count > 0 ? unsettled.Min() : scan.Newest;
        if (next is { } advanced && advanced > _watermark)
        {
            _watermark = advanced;
            await store.WriteAsync(StoreArea.State, WatermarkName, BinaryData.FromObjectAsJson(new InboxWatermark(advanced), WorkerJson.Options), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<DateTimeOffset> WatermarkAsync(CancellationToken cancellationToken)
    {
        if (!store.StampsCommitTimes)
        {
            return DateTimeOffset.MinValue;
        }

        if (_watermark is null)
        {
            var data = await store.ReadAsync(StoreArea.State, WatermarkName, cancellationToken).ConfigureAwait(false);
            _watermark = data?.ToObjectFromJson<InboxWatermark>(WorkerJson.Options)?.SettledBefore ?? DateTimeOffset.MinValue;
            logger.LogInformation("Inbox watermark: every version uploaded before {Watermark:o} is settled", _watermark);
        }

        return _watermark.Value;
    }

    private sealed record InboxWatermark(DateTimeOffset SettledBefore);
}

/// <summary>One listing of the inbox: the versions to try, oldest first.</summary>
/// <param name="Candidates">Versions not known to be settled.</param>
/// <param name="Newest">The latest upload time listed, if any.</param>
/// <param name="PassedOver">Versions below the watermark that the scan skipped without reading their receipts.</param>
internal sealed record InboxScan(IReadOnlyList<InputVersion> Candidates, DateTimeOffset? Newest, int PassedOver);
