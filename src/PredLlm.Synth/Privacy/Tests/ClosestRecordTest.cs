using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P2: the share of synthetic rows whose closest record is in train rather than in the holdout, with a
/// train sample as large as the holdout so that a table free of memorisation scores 0.5 (ties count half).
/// Fails when the one-sided upper bound at the policy's level exceeds its maximum. With too few synthetic
/// rows for a table free of memorisation to pass with the required power, it decides only when both
/// one-sided bounds lie on the same side of the maximum.
/// </summary>
internal sealed class ClosestRecordTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P2;

    public string Name => "distance to closest record";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.ClosestRecord;
        var synthetic = context.Synthetic.Count;
        var trainSample = GateContext.Sample(context.Train.Count, context.Holdout.Count, context.RandomFor(Id));
        var toTrain = context.Nearest(context.Synthetic, context.Train.Take(trainSample), 1);
        var toHoldout = context.Nearest(context.Synthetic, context.Holdout, 1);
        var closerToTrain = 0.0;
        for (var row = 0; row < synthetic; row++)
        {
            var train = toTrain.Distance(row);
            var holdout = toHoldout.Distance(row);
            closerToTrain += train < holdout ? 1 : train == holdout ? 0.5 : 0;
        }

        var share = new Proportion(closerToTrain, synthetic);
        var upper = share.WilsonUpper(rules.BoundLevel);
        var bounds = new ConfidenceInterval(share.WilsonLower(rules.BoundLevel), upper, rules.BoundLevel);

        // At share 0.5 the bound sits z_bound * 0.5 / sqrt(n) above it, and the estimate wanders z_power
        // standard errors above 0.5 with the required probability.
        var needed = (int)Math.Ceiling(Math.Pow((context.PowerZ + Normal.Quantile(rules.BoundLevel)) * 0.5 / (rules.MaxUpperBound - 0.5), 2));
        var outcome = Power.Judge(upper, bounds, rules.MaxUpperBound, synthetic >= needed);
        var statistics = new List<PrivacyStatistic>
        {
            new("share of synthetic rows closer to train than to holdout", share.Share, share.Wilson(context.Rules.ConfidenceLevel)),
            new($"upper {Figures.Percent(rules.BoundLevel)} bound of that share", upper, Limit: rules.MaxUpperBound),
        };
        var finding = $"{Figures.Percent(share.Share)} of synthetic rows are closer to train than to the holdout; 50% means no memorisation (upper bound {Figures.Of(upper)}, limit {Figures.Of(rules.MaxUpperBound)}).";
        var reason = outcome switch
        {
            TestOutcome.Blocked => $"Too few synthetic rows ({Figures.Of(synthetic)}, at least {Figures.Of(needed)} needed) to decide: {finding}",
            _ => finding,
        };
        return new PrivacyTestResult(Id, Name, outcome, reason, statistics);
    }
}
