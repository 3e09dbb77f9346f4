namespace PredLlm.Synth.Training;

/// <summary>
/// How much each predicted token weighs in the training loss so that the target's tokens carry a fixed share
/// of it: the loss is (1 - share) x the mean loss over the other tokens + share x the mean loss over the target's.
/// Without a share, or when either kind of token is missing, every token weighs the same (the plain mean).
/// </summary>
internal readonly record struct LossMix(double PerTargetToken, double PerOtherToken)
{
    public static LossMix For(double? targetShare, long targetTokens, long otherTokens)
    {
        if (targetShare is not { } share || targetTokens == 0 || otherTokens == 0)
        {
            var plain = 1.0 / Math.Max(1, targetTokens + otherTokens);
            return new LossMix(plain, plain);
        }
        return new LossMix(share / targetTokens, (1 - share) / otherTokens);
    }

    /// <summary>The mixed mean from the summed losses of either kind of token.</summary>
    public double Mean(double targetLossSum, double otherLossSum) => (PerTargetToken * targetLossSum) + (PerOtherToken * otherLossSum);
}
