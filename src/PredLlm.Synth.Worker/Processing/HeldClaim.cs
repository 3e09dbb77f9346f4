using Microsoft.Extensions.Logging;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// A replica's claim on one input version: a lease renewed in the background every third of its
/// duration. When a renewal shows the lease is gone, or renewals keep failing until it may have expired,
/// <see cref="Lost"/> fires so that the job is cancelled before it can publish.
/// </summary>
internal sealed class HeldClaim : IAsyncDisposable
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(3);

    private readonly IObjectLease _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    private HeldClaim(IObjectLease lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _duration = duration;
        _time = time;
        _logger = logger;
        _renewing = RenewUntilStoppedAsync();
    }

    public IObjectLease Lease => _lease;

    public CancellationToken Lost => _lost.Token;

    public static HeldClaim Start(IObjectLease lease, TimeSpan duration, TimeProvider time, ILogger logger) =>
        new(lease, duration, time, logger);

    /// <summary>Renews now, so the claim is certain to last another full duration (used right before publishing).</summary>
    /// <exception cref="LeaseLostException">The claim is lost.</exception>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (_lost.IsCancellationRequested)
        {
            throw new LeaseLostException("the claim was lost");
        }

        try
        {
            await _lease.RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            await _lost.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_lost.IsCancellationRequested)
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout, _time);
            try
            {
                await _lease.ReleaseAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The lease then simply expires; another replica can claim the version after its duration.
                _logger.LogWarning(e, "Could not release the claim; it will expire by itself");
            }
        }

        _lost.Dispose();
        _stopRenewing.Dispose();
    }

    private async Task RenewUntilStoppedAsync()
    {
        var interval = _duration / 3;
        var lastRenewed = _time.GetUtcNow();
        while (!_stopRenewing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stopRenewing.Token).ConfigureAwait(false);
                await _lease.RenewAsync(_stopRenewing.Token).ConfigureAwait(false);
                lastRenewed = _time.GetUtcNow();
            }
            catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
            {
                return;
            }
            catch (LeaseLostException e)
            {
                _logger.LogWarning("Claim lost: {Reason}", e.Message);
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failed renewal may be a passing fault; once less than one interval of the lease is
                // left unconfirmed, another replica may take it at any moment.
                if (_time.GetUtcNow() - lastRenewed >= _duration - interval)
                {
                    _logger.LogWarning(e, "Claim renewals failed for {Elapsed}; treating the claim as lost", _time.GetUtcNow() - lastRenewed);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                _logger.LogWarning(e, "Claim renewal failed; retrying");
            }
        }
    }
}
