using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P5: membership inference from the synthetic table alone, as an outsider would try it. Four attacks
/// score each member (train row) and non-member (holdout row); the gate takes the best of them, overall
/// and on the most isolated records (outliers are what attacks find):
/// distance to the closest synthetic row; that distance calibrated by the record's distance to its
/// closest other real record (GAN-leaks' calibration: being near synthetic rows only counts where real
/// data is sparse); the ratio of the synthetic rows' density to the real rows' density around the record
/// (DOMIAS, with k-nearest-neighbour densities); and the edit distance between the record's text and its
/// closest synthetic rows' text, which sees copied digit strings.
/// </summary>
internal sealed class BlackBoxAttackTest : IPrivacyTest
{
    // Keeps ratios finite when a distance is zero, far below any distance between different rows.
    private const double Epsilon = 1e-6;

    public PrivacyTestId Id => PrivacyTestId.P5;

    public string Name => "black-box membership inference";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.BlackBox;
        var (members, nonMembers) = context.MembershipSample(rules.MaxRowsPerGroup, Id);
        var attacks = Attack(context, members, nonMembers);
        var isolated = MostIsolated(attacks.Isolation, rules.IsolatedShare);
        var isolatedMembers = isolated.Where(i => i < members.Length).ToArray();
        var isolatedNonMembers = isolated.Where(i => i >= members.Length).Select(i => i - members.Length).ToArray();
        if (isolatedMembers.Length == 0 || isolatedNonMembers.Length == 0)
        {
            return new PrivacyTestResult(Id, Name, TestOutcome.Blocked, "The most isolated records are all members or all non-members: no attack can be scored on them.", []);
        }

        var level = context.Rules.ConfidenceLevel;
        var overall = new List<(string Attack, double Auc, ConfidenceInterval Interval)>();
        var outliers = new List<(string Attack, double Auc, ConfidenceInterval Interval)>();
        foreach (var (attack, scores) in attacks.Scores)
        {
            var all = new MembershipScores(scores[..members.Length], scores[members.Length..]);
            var (auc, interval) = all.Auc(level);
            overall.Add((attack, auc, interval));
            var (isolatedAuc, isolatedInterval) = all.Subset(isolatedMembers, isolatedNonMembers).Auc(level);
            outliers.Add((attack, isolatedAuc, isolatedInterval));
        }

        var best = overall.MaxBy(result => result.Auc);
        var bestIsolated = outliers.MaxBy(result => result.Auc);
        var statistics = new List<PrivacyStatistic>
        {
            new("highest attack AUC", best.Auc, best.Interval, rules.MaxAuc),
            new($"highest attack AUC on the {Figures.Percent(rules.IsolatedShare)} most isolated records", bestIsolated.Auc, bestIsolated.Interval, rules.MaxIsolatedAuc),
        };
        statistics.AddRange(overall.Select(result => new PrivacyStatistic($"AUC, {result.Attack}", result.Auc, result.Interval)));
        statistics.AddRange(outliers.Select(result => new PrivacyStatistic($"AUC on isolated records, {result.Attack}", result.Auc, result.Interval)));
        statistics.Add(new PrivacyStatistic("rows per group", members.Length));

        var outcome = Power.Worst(
            Power.Judge(best.Auc, best.Interval, rules.MaxAuc, Power.SufficesForAuc(members.Length, nonMembers.Length, rules.MaxAuc, context.PowerZ)),
            Power.Judge(bestIsolated.Auc, bestIsolated.Interval, rules.MaxIsolatedAuc,
                Power.SufficesForAuc(isolatedMembers.Length, isolatedNonMembers.Length, rules.MaxIsolatedAuc, context.PowerZ)));
        var finding = $"best AUC {Figures.Of(best.Auc)} ({best.Attack}; limit {Figures.Of(rules.MaxAuc)}), "
            + $"{Figures.Of(bestIsolated.Auc)} on the most isolated records ({bestIsolated.Attack}; limit {Figures.Of(rules.MaxIsolatedAuc)})";
        var reason = outcome switch
        {
            TestOutcome.Fail => $"An outsider can tell train rows from unseen rows using the synthetic table: {finding}.",
            TestOutcome.Blocked => $"Too few holdout rows ({Figures.Of(nonMembers.Length)}) to decide: {finding}.",
            _ => $"No attack does much better than chance: {finding}.",
        };
        return new PrivacyTestResult(Id, Name, outcome, reason, statistics);
    }

    private static AttackScores Attack(GateContext context, int[] members, int[] nonMembers)
    {
        var rules = context.Rules.BlackBox;
        var trainCount = context.Train.Count;
        var evaluated = context.Train.Take(members).Concat(context.Holdout.Take(nonMembers));
        var real = context.Train.Concat(context.Holdout);

        // A record's own row in the real data is not its neighbour.
        var self = members.Concat(nonMembers.Select(row => trainCount + row)).ToArray();
        var k = rules.DensityNeighbours;
        var toSynthetic = context.Nearest(evaluated, context.Synthetic, Math.Max(k, rules.EditCandidates));
        var toReal = context.Nearest(evaluated, real, k, excluded: self);

        var count = evaluated.Count;
        var distance = new double[count];
        var calibrated = new double[count];
        var density = new double[count];
        var isolation = new double[count];
        for (var i = 0; i < count; i++)
        {
            distance[i] = -toSynthetic.Distance(i);
            calibrated[i] = -(toSynthetic.Distance(i) + Epsilon) / (toReal.Distance(i) + Epsilon);
            density[i] = (toReal.Distance(i, k - 1) + Epsilon) / (toSynthetic.Distance(i, k - 1) + Epsilon);
            isolation[i] = toReal.Distance(i);
        }

        var edit = EditScores(context, members, nonMembers, toSynthetic);
        return new AttackScores(
            [
                ("distance to synthetic", distance),
                ("calibrated distance ratio", calibrated),
                ("density ratio", density),
                ("edit distance", edit),
            ],
            isolation);
    }

    // Minus the smallest normalised edit distance between the record's text and its closest synthetic rows' text.
    private static double[] EditScores(GateContext context, int[] members, int[] nonMembers, Neighbours toSynthetic)
    {
        var columns = context.DistanceColumns;
        var candidates = context.Rules.BlackBox.EditCandidates;
        var syntheticTexts = new string?[context.SyntheticRows.RowCount];
        for (var i = 0; i < toSynthetic.QueryCount; i++)
        {
            for (var rank = 0; rank < candidates; rank++)
            {
                var row = toSynthetic.Index(i, rank);
                if (row >= 0)
                {
                    syntheticTexts[row] ??= RowKeys.Serialised(context.SyntheticRows, columns, row);
                }
            }
        }

        var scores = new double[toSynthetic.QueryCount];
        Parallel.For(0, scores.Length, new ParallelOptions { CancellationToken = context.Cancellation }, i =>
        {
            var record = new EditDistance(i < members.Length
                ? RowKeys.Serialised(context.TrainRows, columns, members[i])
                : RowKeys.Serialised(context.HoldoutRows, columns, nonMembers[i - members.Length]));
            var nearest = 1.0;
            for (var rank = 0; rank < candidates; rank++)
            {
                var row = toSynthetic.Index(i, rank);
                if (row >= 0)
                {
                    nearest = Math.Min(nearest, record.NormalisedTo(syntheticTexts[row]!));
                }
            }

            scores[i] = -nearest;
        });
        return scores;
    }

    // Positions of the given share of records farthest from any other real record (ties by position).
    private static int[] MostIsolated(double[] isolation, double share)
    {
        var count = (int)Math.Ceiling(isolation.Length * share);
        return [.. Enumerable.Range(0, isolation.Length).OrderByDescending(i => isolation[i]).ThenBy(i => i).Take(count)];
    }

    private sealed record AttackScores(IReadOnlyList<(string Attack, double[] Scores)> Scores, double[] Isolation);
}
