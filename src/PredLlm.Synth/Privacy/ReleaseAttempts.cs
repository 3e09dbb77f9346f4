using PredLlm.Synth.Policies;

namespace PredLlm.Synth.Privacy;

/// <summary>
/// Retraining after a REJECT (PRIVACY-GATE.md, principle 6): the remedy is at the model, never by
/// deleting rows. Each retry trains with fewer epochs and a narrower model and samples at a higher
/// temperature, as the policy's retry rules say, at most <see cref="RetryRules.MaxRetries"/> times;
/// every attempt is kept for the report. A BLOCKED attempt is not retried: more training cannot supply
/// missing data.
/// </summary>
public static class ReleaseAttempts
{
    /// <summary>The settings of attempt <paramref name="number"/> (1 = the policy as written).</summary>
    public static AttemptSettings Settings(Policy policy, int number)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var retries = number - 1;
        return new AttemptSettings(
            number,
            Math.Pow(policy.Retries.EpochFactor, retries),
            Math.Pow(policy.Retries.CapacityFactor, retries),
            policy.Sampling.Temperature + (policy.Retries.TemperatureStep * retries));
    }

    /// <summary>
    /// Makes a synthetic table with <paramref name="produce"/> (train and generate with the given
    /// settings), puts it through the gate, and retries while the gate rejects and retries remain.
    /// The caller keeps the tables it produced: the decision's last attempt is the one that counts.
    /// </summary>
    public static async Task<GateDecision> RunAsync(
        Policy policy,
        Func<AttemptSettings, CancellationToken, Task<GateInputs>> produce,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(produce);
        var attempts = new List<GateAttempt>();
        for (var number = 1; number <= policy.Retries.MaxRetries + 1; number++)
        {
            var settings = Settings(policy, number);
            var inputs = await produce(settings, cancellationToken).ConfigureAwait(false);
            var attempt = ReleaseGate.Evaluate(inputs, policy, settings, cancellationToken);
            attempts.Add(attempt);
            if (attempt.Verdict != GateVerdict.Reject)
            {
                break;
            }
        }

        return ReleaseGate.Decide(policy, attempts);
    }
}
