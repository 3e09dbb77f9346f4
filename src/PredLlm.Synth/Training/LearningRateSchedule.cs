namespace PredLlm.Synth.Training;

/// <summary>
/// Linear warm-up from zero to the peak, then cosine decay to the final fraction of the peak, as a function of
/// the share of the training budget already spent.
/// </summary>
internal sealed class LearningRateSchedule(TrainingOptions options)
{
    public double At(double budgetSpent)
    {
        var peak = options.PeakLearningRate;
        var warmup = options.WarmupFraction;
        if (budgetSpent < warmup)
        {
            return peak * budgetSpent / warmup;
        }
        var decayed = Math.Clamp((budgetSpent - warmup) / (1 - warmup), 0, 1);
        var final = peak * options.FinalLearningRateFraction;
        return final + (peak - final) * 0.5 * (1 + Math.Cos(Math.PI * decayed));
    }
}
