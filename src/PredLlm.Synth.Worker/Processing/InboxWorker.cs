using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// The hosted loop of <c>predllm serve</c>: scan the inbox, try each version that needs work (one job at
/// a time: a job uses every core), wait one poll interval, and scan again.
/// </summary>
internal sealed class InboxWorker(
    IObjectStore store,
    InboxScanner scanner,
    VersionProcessor processor,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<InboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        logger.LogInformation(
            "Watching the inbox every {PollInterval}; claims last {LeaseDuration}, {MaxAttempts} attempts per version, inputs: {InputRetention}",
            options.Value.PollInterval, options.Value.LeaseDuration, options.Value.MaxAttempts, options.Value.InputRetention);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // Storage unreachable or a receipt unwritable: nothing is lost, the next pass retries.
                logger.LogError(e, "Inbox pass failed; retrying after {PollInterval}", options.Value.PollInterval);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        logger.LogInformation("Stopped watching the inbox");
    }

    /// <summary>One scan and a try at each version it found.</summary>
    private async Task PassAsync(CancellationToken stoppingToken)
    {
        var scan = await scanner.ScanAsync(stoppingToken).ConfigureAwait(false);
        foreach (var version in scan.Candidates)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (await processor.TryProcessAsync(version, stoppingToken).ConfigureAwait(false) == ClaimResult.Settled)
            {
                scanner.MarkSettled(version);
            }
        }

        await scanner.AdvanceWatermarkAsync(scan, stoppingToken).ConfigureAwait(false);
    }
}
