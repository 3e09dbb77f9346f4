using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// Writes a run's outputs under <c>&lt;area&gt;/&lt;table&gt;/&lt;run&gt;/</c>, each with If-None-Match:*.
/// The last file written (<c>report.json</c>, or <c>error.json</c> in failed/) commits the run: a run
/// folder without it is the remains of an attempt that died while publishing, and only those remains
/// are ever deleted, by the next attempt of the same run. A committed run is never overwritten.
/// </summary>
internal sealed class RunPublisher(IObjectStore store)
{
    public static string FolderOf(InputVersion version) => $"{version.TableName}/{version.RunId}";

    /// <summary>The outcome an earlier attempt already committed for this version, if any.</summary>
    public async Task<ReceiptStatus?> FindCommittedAsync(InputVersion version, CancellationToken cancellationToken)
    {
        var folder = FolderOf(version);
        if (await store.ExistsAsync(StoreArea.Published, $"{folder}/{SynthesisOutputs.ReportJson}", cancellationToken).ConfigureAwait(false))
        {
            return ReceiptStatus.Released;
        }

        if (await store.ExistsAsync(StoreArea.Quarantine, $"{folder}/{SynthesisOutputs.ReportJson}", cancellationToken).ConfigureAwait(false))
        {
            return ReceiptStatus.Rejected;
        }

        var failure = await store.ReadAsync(StoreArea.Failed, $"{folder}/{FailureReport.FileName}", cancellationToken).ConfigureAwait(false);
        return failure is null ? null : FailureReport.FromBinary(failure).Kind;
    }

    /// <summary>Publishes what the job wrote for its verdict; <paramref name="ensureClaimHeld"/> runs before every file.</summary>
    public async Task PublishVerdictAsync(
        InputVersion version,
        SynthesisVerdict verdict,
        string outputDirectory,
        Func<CancellationToken, Task> ensureClaimHeld,
        CancellationToken cancellationToken)
    {
        var (area, files) = verdict switch
        {
            SynthesisVerdict.Released => (StoreArea.Published, new[] { SynthesisOutputs.SyntheticTable, SynthesisOutputs.ReportHtml, SynthesisOutputs.ReportJson }),
            SynthesisVerdict.Rejected => (StoreArea.Quarantine, new[] { SynthesisOutputs.ReportHtml, SynthesisOutputs.ReportJson }),
            _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
        };
        var missing = files.Where(file => !File.Exists(Path.Combine(outputDirectory, file))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The job reported {verdict} but did not write {string.Join(", ", missing)}.");
        }

        var folder = FolderOf(version);
        foreach (var file in files.SkipLast(1))
        {
            await ensureClaimHeld(cancellationToken).ConfigureAwait(false);
            var name = $"{folder}/{file}";
            var local = Path.Combine(outputDirectory, file);
            if (!await store.TryCreateFromFileAsync(area, name, local, cancellationToken).ConfigureAwait(false))
            {
                // Remains of an attempt that died before committing this run (the commit file was checked absent).
                await store.DeleteAsync(area, name, cancellationToken).ConfigureAwait(false);
                if (!await store.TryCreateFromFileAsync(area, name, local, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"Another writer is publishing run {version.RunId} of {version.TableName}.");
                }
            }
        }

        await ensureClaimHeld(cancellationToken).ConfigureAwait(false);
        var commit = files[^1];
        if (!await store.TryCreateFromFileAsync(area, $"{folder}/{commit}", Path.Combine(outputDirectory, commit), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Run {version.RunId} of {version.TableName} was committed by another attempt.");
        }
    }

    /// <summary>Records why a version has no synthetic table; an existing error report of the run is kept.</summary>
    public async Task PublishFailureAsync(FailureReport report, Func<CancellationToken, Task> ensureClaimHeld, CancellationToken cancellationToken)
    {
        await ensureClaimHeld(cancellationToken).ConfigureAwait(false);
        await store.TryCreateAsync(StoreArea.Failed, $"{report.Table}/{report.Run}/{FailureReport.FileName}", report.ToBinary(), cancellationToken)
            .ConfigureAwait(false);
    }
}
