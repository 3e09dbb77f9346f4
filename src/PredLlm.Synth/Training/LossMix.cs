namespace PredLlm.Synth.Training;

/// <summary>
/// How much each predicted token weighs in the training loss so that the target's tokens carry at least a given
/// share of it: below that share, the loss is (1 - share) x the mean loss over the other tokens + share x the
/// mean loss over the target's. Without a share, when either kind of token is missing, or when the target's
/// tokens already make up that share of the tokens, every token weighs the same (the plain mean): a share is a
/// floor that lifts a target drowned among many features, never one that pushes a large target down.
/// </summary>
internal readonly record struct LossMix(double PerTargetToken, double PerOtherToken)
{
    public static LossMix For(double? targetShare, long targetTokens, long otherTokens)
    {
        var total = targetTokens + otherTokens;
        if (targetShare is not { } share || targetTokens == 0 || otherTokens == 0 || targetTokens >= share * total)
        {
            var plain = 1.0 / Math.Max(1, total);
            return new LossMix(plain, plain);
        }
        return new LossMix(share / targetTokens, (1 - share) / otherTokens);
    }

    /// <summary>The mixed mean from the summed losses of either kind of token.</summary>
    public double Mean(double targetLossSum, double otherLossSum) => (PerTargetToken * targetLossSum) + (PerOtherToken * otherLossSum);
}
