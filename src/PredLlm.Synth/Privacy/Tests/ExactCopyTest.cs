using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P1: synthetic rows identical to a train row, against the rate at which real unseen rows (the holdout)
/// are identical to one; and replays of rows that are unique in train, against the holdout's rate.
/// Fails when the excess is significant and above the policy's minimum, or unique-row replays are
/// significantly above the holdout rate.
/// </summary>
internal sealed class ExactCopyTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P1;

    public string Name => "exact copies";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.ExactCopies;
        var level = context.Rules.ConfidenceLevel;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in context.TrainKeys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var syntheticCopies = Share(context.SyntheticKeys, key => counts.ContainsKey(key));
        var holdoutCopies = Share(context.HoldoutKeys, key => counts.ContainsKey(key));
        var syntheticUnique = Share(context.SyntheticKeys, key => counts.GetValueOrDefault(key) == 1);
        var holdoutUnique = Share(context.HoldoutKeys, key => counts.GetValueOrDefault(key) == 1);

        var excess = syntheticCopies.Share - holdoutCopies.Share;
        var copiesP = syntheticCopies.PValueAbove(holdoutCopies);
        var uniqueP = syntheticUnique.PValueAbove(holdoutUnique);
        var statistics = new List<PrivacyStatistic>
        {
            new("excess share of synthetic rows copying a train row", excess, syntheticCopies.DifferenceInterval(holdoutCopies, level), rules.MinExcessShare),
            new("share of synthetic rows identical to a train row", syntheticCopies.Share, syntheticCopies.Wilson(level)),
            new("share of holdout rows identical to a train row", holdoutCopies.Share, holdoutCopies.Wilson(level)),
            new("p-value of the excess", copiesP),
            new("share of synthetic rows replaying a row unique in train", syntheticUnique.Share, syntheticUnique.Wilson(level)),
            new("share of holdout rows equal to a row unique in train", holdoutUnique.Share, holdoutUnique.Wilson(level)),
            new("p-value of the unique-row replays", uniqueP),
        };

        var failures = new List<string>();
        if (copiesP < rules.Alpha && excess > rules.MinExcessShare)
        {
            failures.Add(
                $"{Figures.Percent(syntheticCopies.Share)} of synthetic rows copy a train row against {Figures.Percent(holdoutCopies.Share)} of holdout rows "
                + $"(p = {Figures.Of(copiesP)}, excess above {Figures.Percent(rules.MinExcessShare)}).");
        }

        if (uniqueP < rules.Alpha)
        {
            failures.Add(
                $"{Figures.Percent(syntheticUnique.Share)} of synthetic rows replay a row unique in train against {Figures.Percent(holdoutUnique.Share)} of holdout rows "
                + $"(p = {Figures.Of(uniqueP)}).");
        }

        return failures.Count > 0
            ? new PrivacyTestResult(Id, Name, TestOutcome.Fail, string.Join(" ", failures), statistics)
            : new PrivacyTestResult(Id, Name, TestOutcome.Pass,
                $"Synthetic rows copy train rows no more than real unseen rows do ({Figures.Percent(syntheticCopies.Share)} vs {Figures.Percent(holdoutCopies.Share)}).",
                statistics);
    }

    private static Proportion Share(string[] keys, Func<string, bool> isCopy) => new(keys.Count(isCopy), keys.Length);
}
