using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// Claims one input version and carries it to its outcome: download, run the job, publish, record the
/// outcome in the receipt, and only then (with <see cref="InputRetention.Delete"/>) delete the input.
/// </summary>
internal sealed class VersionProcessor(
    IObjectStore store,
    ReceiptBook receipts,
    RunPublisher publisher,
    ISynthesisJob job,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<VersionProcessor> logger)
{
    /// <summary>
    /// How long a stopping worker may still spend recording where a run stands; with the claim's release
    /// (<see cref="HeldClaim"/>) it stays well inside the host's 10 s shutdown.
    /// </summary>
    private static readonly TimeSpan FinalWriteTimeout = TimeSpan.FromSeconds(3);

    private WorkerOptions Options => options.Value;

    public async Task<ClaimResult> TryProcessAsync(InputVersion version, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Table"] = version.TableName,
            ["Run"] = version.RunId,
        });

        // Read before leasing: settled and deferred versions cost one read, not a lease round trip.
        var receipt = await receipts.ReadAsync(version, stoppingToken).ConfigureAwait(false);
        if (receipt is null)
        {
            // The state area lost it since the scan (cleared by an operator): recreate it, claim next pass.
            await receipts.EnsureCreatedAsync(version, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Deferred;
        }

        if (receipt.IsSettled)
        {
            await RetireInputAsync(version, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }

        if (receipt.RetryAfter > time.GetUtcNow())
        {
            return ClaimResult.Deferred;
        }

        var lease = await receipts.TryLeaseAsync(version, Options.LeaseDuration, stoppingToken).ConfigureAwait(false);
        if (lease is null)
        {
            return ClaimResult.HeldElsewhere;
        }

        var claim = HeldClaim.Start(lease, Options.LeaseDuration, time, logger);
        await using (claim.ConfigureAwait(false))
        {
            return await ProcessClaimedAsync(version, claim, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<ClaimResult> ProcessClaimedAsync(InputVersion version, HeldClaim claim, CancellationToken stoppingToken)
    {
        // Under the lease, the receipt is ours alone; it may have moved on since the unleased read.
        var receipt = await receipts.ReadAsync(version, stoppingToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The receipt of run {version.RunId} vanished while leased.");
        if (receipt.IsSettled)
        {
            await RetireInputAsync(version, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }

        if (receipt.RetryAfter > time.GetUtcNow())
        {
            return ClaimResult.Deferred;
        }

        if (await publisher.FindCommittedAsync(version, stoppingToken).ConfigureAwait(false) is { } committed)
        {
            logger.LogInformation("Run {Run} of {Table} was already committed as {Outcome}; recording it", version.RunId, version.TableName, committed);
            await SettleAsync(version, receipt with { Status = committed }, claim, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }

        if (receipt.Attempts >= Options.MaxAttempts)
        {
            await PoisonAsync(version, receipt, claim, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }

        receipt = receipt with { Attempts = receipt.Attempts + 1 };
        await receipts.ReplaceAsync(version, receipt, claim.Lease, stoppingToken).ConfigureAwait(false);
        logger.LogInformation(
            "Claimed {Input} as run {Run} of {Table} (attempt {Attempt} of {MaxAttempts})",
            version.Name, version.RunId, version.TableName, receipt.Attempts, Options.MaxAttempts);
        return await RunAttemptAsync(version, receipt, claim, stoppingToken).ConfigureAwait(false);
    }

    private async Task<ClaimResult> RunAttemptAsync(InputVersion version, VersionReceipt receipt, HeldClaim claim, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, claim.Lost);
        var workDirectory = Directory.CreateDirectory(Path.Combine(
            Options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "predllm-worker"),
            $"{version.RunId}-{Guid.NewGuid():N}"));
        try
        {
            var inputPath = Path.Combine(workDirectory.FullName, "input" + version.Extension);
            var outputDirectory = Directory.CreateDirectory(Path.Combine(workDirectory.FullName, "outputs")).FullName;

            await TimeStageAsync("download", version, () => store.DownloadAsync(StoreArea.Inbox, version.Stored, inputPath, attempt.Token)).ConfigureAwait(false);

            var request = new SynthesisRequest(inputPath, version.TableName, version.RunId, version.Options, outputDirectory);

            // WaitAsync: a job that ignores cancellation still cannot hold up shutdown or a lost claim.
            var verdict = await TimeStageAsync("synthesize", version, () => job.RunAsync(request, attempt.Token).WaitAsync(attempt.Token))
                .ConfigureAwait(false);

            await TimeStageAsync("publish", version, () =>
                publisher.PublishVerdictAsync(version, verdict, outputDirectory, claim.EnsureHeldAsync, attempt.Token)).ConfigureAwait(false);

            // Committed: record it even if the host is stopping now, so that no replica has to find out again.
            var status = verdict == SynthesisVerdict.Released ? ReceiptStatus.Released : ReceiptStatus.Rejected;
            using var settling = new CancellationTokenSource(FinalWriteTimeout, time);
            await SettleAsync(version, receipt with { Status = status, RetryAfter = null }, claim, settling.Token).ConfigureAwait(false);
            return ClaimResult.Settled;
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            await AbandonAsync(version, receipt, claim).ConfigureAwait(false);
            return ClaimResult.Abandoned;
        }
        catch (Exception) when (claim.Lost.IsCancellationRequested)
        {
            logger.LogWarning("Lost the claim on run {Run} of {Table}; the attempt stopped before publishing", version.RunId, version.TableName);
            return ClaimResult.ClaimLost;
        }
        catch (ObjectVersionGoneException)
        {
            logger.LogInformation("Input {Input} was deleted or replaced before run {Run} could read it", version.Name, version.RunId);
            await SettleAsync(version, receipt with { Status = ReceiptStatus.Vanished }, claim, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }
        catch (BadInputException e)
        {
            logger.LogWarning("Input {Input} is not usable: {Reason}", version.Name, e.Message);
            var report = new FailureReport(version.TableName, version.RunId, version.Name, version.Stored.ETag, ReceiptStatus.BadInput, e.Message, []);
            await publisher.PublishFailureAsync(report, claim.EnsureHeldAsync, stoppingToken).ConfigureAwait(false);
            await SettleAsync(version, receipt with { Status = ReceiptStatus.BadInput }, claim, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return await RecordFailureAsync(version, receipt, claim, e, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteWorkDirectory(workDirectory);
        }
    }

    private async Task<ClaimResult> RecordFailureAsync(InputVersion version, VersionReceipt receipt, HeldClaim claim, Exception error, CancellationToken stoppingToken)
    {
        logger.LogError(error, "Attempt {Attempt} of run {Run} of {Table} failed", receipt.Attempts, version.RunId, version.TableName);
        var failure = new AttemptFailure(receipt.Attempts, time.GetUtcNow(), $"{error.GetType().Name}: {error.Message}");
        var failed = receipt with
        {
            Failures = [.. receipt.Failures, failure],
            RetryAfter = time.GetUtcNow() + Options.RetryDelay,
        };
        if (failed.Attempts >= Options.MaxAttempts)
        {
            await PoisonAsync(version, failed, claim, stoppingToken).ConfigureAwait(false);
            return ClaimResult.Settled;
        }

        await receipts.ReplaceAsync(version, failed, claim.Lease, stoppingToken).ConfigureAwait(false);
        return ClaimResult.Deferred;
    }

    private async Task PoisonAsync(InputVersion version, VersionReceipt receipt, HeldClaim claim, CancellationToken cancellationToken)
    {
        var unfinished = receipt.Attempts - receipt.Failures.Count;
        var reason = unfinished > 0
            ? $"{receipt.Attempts} attempts failed ({unfinished} of them stopped without finishing: the worker running them crashed or was killed); it will not be retried until it is uploaded again."
            : $"{receipt.Attempts} attempts failed; it will not be retried until it is uploaded again.";
        logger.LogError("Run {Run} of {Table} is poison: {Reason}", version.RunId, version.TableName, reason);
        var report = new FailureReport(version.TableName, version.RunId, version.Name, version.Stored.ETag, ReceiptStatus.Poisoned, reason, receipt.Failures);
        await publisher.PublishFailureAsync(report, claim.EnsureHeldAsync, cancellationToken).ConfigureAwait(false);
        await SettleAsync(version, receipt with { Status = ReceiptStatus.Poisoned, RetryAfter = null }, claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the final outcome (after its outputs are durable), then retires the input.</summary>
    private async Task SettleAsync(InputVersion version, VersionReceipt settled, HeldClaim claim, CancellationToken cancellationToken)
    {
        await receipts.ReplaceAsync(version, settled, claim.Lease, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Run {Run} of {Table} settled as {Outcome}", version.RunId, version.TableName, settled.Status);
        await RetireInputAsync(version, cancellationToken).ConfigureAwait(false);
    }

    private async Task RetireInputAsync(InputVersion version, CancellationToken cancellationToken)
    {
        if (Options.InputRetention == InputRetention.Delete
            && await store.DeleteVersionAsync(StoreArea.Inbox, version.Stored, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Deleted input {Input} of settled run {Run}", version.Name, version.RunId);
        }
    }

    /// <summary>Shutdown: the attempt was not the input's fault, so it does not count; the claim is released by the caller.</summary>
    private async Task AbandonAsync(InputVersion version, VersionReceipt receipt, HeldClaim claim)
    {
        logger.LogWarning("Stopping: abandoning run {Run} of {Table}", version.RunId, version.TableName);
        using var timeout = new CancellationTokenSource(FinalWriteTimeout, time);
        try
        {
            await receipts.ReplaceAsync(version, receipt with { Attempts = receipt.Attempts - 1 }, claim.Lease, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The attempt then counts against the version, as a crash would.
            logger.LogWarning(e, "Could not give back the attempt of run {Run}", version.RunId);
        }
    }

    private async Task TimeStageAsync(string stage, InputVersion version, Func<Task> work) =>
        await TimeStageAsync(stage, version, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private async Task<T> TimeStageAsync<T>(string stage, InputVersion version, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await work().ConfigureAwait(false);
        logger.LogInformation(
            "Stage {Stage} of run {Run} of {Table} took {ElapsedMs:F0} ms",
            stage, version.RunId, version.TableName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private void DeleteWorkDirectory(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the work directory {Directory}", directory.FullName);
        }
    }
}

/// <summary>What became of one try at a version.</summary>
internal enum ClaimResult
{
    /// <summary>The version has its final outcome (now or before).</summary>
    Settled,

    /// <summary>Another replica holds the claim.</summary>
    HeldElsewhere,

    /// <summary>An attempt failed and the version waits for its retry time.</summary>
    Deferred,

    /// <summary>The worker is stopping; the version is left for the next replica.</summary>
    Abandoned,

    /// <summary>The claim lapsed mid-attempt; another replica may be working on it.</summary>
    ClaimLost,
}
