using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P3: REaLTabFormer's Q-delta. At the low quantiles q of the holdout's distances to their closest train
/// record (q up to the policy's maximum), it measures how many more synthetic rows than holdout rows fall
/// that close to train: Q-delta = mean over q of F_synthetic(t_q) - F_holdout(t_q). A table free of
/// memorisation is one more sample of unseen rows, so the statistic is judged against bootstraps of
/// real-versus-real: both samples drawn from the holdout's distances. Fails above the null's percentile.
/// </summary>
internal sealed class LowerTailTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P3;

    public string Name => "lower-tail closeness (Q-delta)";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.LowerTail;
        var rounds = context.Rules.BootstrapRounds;
        var synthetic = context.SyntheticToTrain.Nearest();
        var holdout = context.HoldoutToTrain.Nearest();
        Array.Sort(holdout);

        var observed = QDelta(synthetic, holdout, rules);
        var random = context.RandomFor(Id);
        var nulls = new double[rounds];
        var resamples = new double[rounds];
        var syntheticDraw = new double[synthetic.Length];
        var holdoutDraw = new double[holdout.Length];
        for (var b = 0; b < rounds; b++)
        {
            Bootstrap.Resample(holdout, syntheticDraw, random);
            Bootstrap.Resample(holdout, holdoutDraw, random);
            Array.Sort(holdoutDraw);
            nulls[b] = QDelta(syntheticDraw, holdoutDraw, rules);

            Bootstrap.Resample(synthetic, syntheticDraw, random);
            Bootstrap.Resample(holdout, holdoutDraw, random);
            Array.Sort(holdoutDraw);
            resamples[b] = QDelta(syntheticDraw, holdoutDraw, rules);
        }

        Array.Sort(nulls);
        Array.Sort(resamples);
        var limit = Quantiles.OfSorted(nulls, rules.NullPercentile);
        var statistics = new List<PrivacyStatistic>
        {
            new("Q-delta", observed, Bootstrap.PercentileInterval(resamples, context.Rules.ConfidenceLevel), limit),
            new("share of synthetic rows within the holdout's lowest-quantile distance to train",
                ShareOfUnsortedAtOrBelow(synthetic, Quantiles.OfSorted(holdout, rules.MaxQuantile))),
        };
        return observed > limit
            ? new PrivacyTestResult(Id, Name, TestOutcome.Fail,
                $"More synthetic rows lie very close to train rows than real unseen rows do (Q-delta {Figures.Of(observed)} above {Figures.Of(limit)}, "
                + $"the {Figures.Percent(rules.NullPercentile)} point of real-vs-real bootstraps).",
                statistics)
            : new PrivacyTestResult(Id, Name, TestOutcome.Pass,
                $"Synthetic rows lie no closer to train rows than real unseen rows do (Q-delta {Figures.Of(observed)}, limit {Figures.Of(limit)}).",
                statistics);
    }

    private static double QDelta(double[] synthetic, double[] sortedHoldout, Policies.LowerTailRules rules)
    {
        var total = 0.0;
        for (var step = 1; step <= rules.QuantileSteps; step++)
        {
            var threshold = Quantiles.OfSorted(sortedHoldout, rules.MaxQuantile * step / rules.QuantileSteps);
            total += ShareOfUnsortedAtOrBelow(synthetic, threshold) - Quantiles.ShareAtOrBelow(sortedHoldout, threshold);
        }

        return total / rules.QuantileSteps;
    }

    // A linear count: the bootstrap draws are not sorted, and sorting them would cost more.
    private static double ShareOfUnsortedAtOrBelow(double[] values, double threshold)
    {
        var count = 0;
        foreach (var value in values)
        {
            count += value <= threshold ? 1 : 0;
        }

        return count / (double)values.Length;
    }
}
