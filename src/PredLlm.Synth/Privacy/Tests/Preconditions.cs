using PredLlm.Synth.Privacy.Statistics;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P0: what must hold before any other test means something: the three tables share the schema (the
/// synthetic table may lack identifier columns or carry surrogates for them), each has enough rows, the
/// holdout is really held out (its rows are not found in train more often than the data's own duplicate
/// rate allows), the identifier columns are known; and, once the others have run, that every test ran.
/// </summary>
internal static class Preconditions
{
    public const string Name = "preconditions";

    public static PrivacyTestResult Check(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var violations = new List<string>();
        var statistics = new List<PrivacyStatistic>();
        var inputs = context.Inputs;
        var rules = context.Rules.Preconditions;

        CheckColumns(context, violations);
        CheckRows("train", inputs.Train.RowCount, rules.MinTrainRows, violations, statistics);
        CheckRows("holdout", inputs.Holdout.RowCount, rules.MinHoldoutRows, violations, statistics);
        CheckRows("synthetic", inputs.Synthetic.RowCount, rules.MinSyntheticRows, violations, statistics);
        if (violations.Count == 0)
        {
            CheckHoldoutDisjoint(context, violations, statistics);
        }

        return violations.Count == 0
            ? new PrivacyTestResult(PrivacyTestId.P0, Name, TestOutcome.Pass, "The tables match and are large enough, and the holdout is disjoint from train.", statistics)
            : new PrivacyTestResult(PrivacyTestId.P0, Name, TestOutcome.Blocked, string.Join(" ", violations), statistics);
    }

    /// <summary>P0 again after the other tests: blocked as well when one of them did not run.</summary>
    public static PrivacyTestResult WithEveryTestRun(PrivacyTestResult preconditions, IReadOnlyList<PrivacyTestResult> tests)
    {
        ArgumentNullException.ThrowIfNull(preconditions);
        ArgumentNullException.ThrowIfNull(tests);
        var notRun = tests.Where(test => test.Outcome == TestOutcome.Blocked).Select(test => test.Id.ToString()).ToArray();
        if (preconditions.Outcome != TestOutcome.Pass || notRun.Length == 0)
        {
            return preconditions;
        }

        return preconditions with
        {
            Outcome = TestOutcome.Blocked,
            Reason = $"{preconditions.Reason} But not every test could decide: {string.Join(", ", notRun)}.",
        };
    }

    private static void CheckColumns(GateContext context, List<string> violations)
    {
        var inputs = context.Inputs;
        var identifiers = inputs.IdentifierColumns;
        foreach (var name in identifiers.Where(name => !inputs.Train.TryGetColumn(name, out _)))
        {
            violations.Add($"Identifier column '{name}' is not in the train table.");
        }

        if (context.Target is not null && !context.DistanceColumns.Contains(context.Target, StringComparer.Ordinal))
        {
            violations.Add($"Target column '{context.Target}' is not a column the gate can compare (missing, or identifier-like).");
        }

        if (context.DistanceColumns.Count == 0)
        {
            violations.Add("No column is left to compare once identifier columns are set aside.");
        }

        CompareSchema("holdout", inputs.Train, inputs.Holdout, identifiersMayDiffer: [], violations);
        CompareSchema("synthetic", inputs.Train, inputs.Synthetic, identifiersMayDiffer: identifiers, violations);
    }

    // Every train column must be in the other table with the same value family, and nothing else may be,
    // except that the synthetic table may lack an identifier column (dropped) or hold one (surrogates).
    private static void CompareSchema(string name, Table train, Table other, IReadOnlyList<string> identifiersMayDiffer, List<string> violations)
    {
        var optional = new HashSet<string>(identifiersMayDiffer, StringComparer.Ordinal);
        foreach (var column in train.Columns)
        {
            if (!other.TryGetColumn(column.Name, out var match))
            {
                if (!optional.Contains(column.Name))
                {
                    violations.Add($"The {name} table lacks column '{column.Name}'.");
                }
            }
            else if (match.Family != column.Family)
            {
                violations.Add($"Column '{column.Name}' holds {match.Family} values in the {name} table but {column.Family} values in train.");
            }
        }

        foreach (var extra in other.Columns.Where(column => !train.TryGetColumn(column.Name, out _)))
        {
            violations.Add($"The {name} table has column '{extra.Name}', which train does not.");
        }
    }

    private static void CheckRows(string table, int rows, int minimum, List<string> violations, List<PrivacyStatistic> statistics)
    {
        statistics.Add(new PrivacyStatistic($"{table} rows", rows));
        if (rows < minimum)
        {
            violations.Add($"The {table} table has {Figures.Of(rows)} rows; the policy needs at least {Figures.Of(minimum)}.");
        }
    }

    // A holdout split off the same table shares rows with train only as often as train shares rows with
    // itself (true duplicates in the data); more than that means the holdout was not held out.
    private static void CheckHoldoutDisjoint(GateContext context, List<string> violations, List<PrivacyStatistic> statistics)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in context.TrainKeys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var duplicated = context.TrainKeys.Count(key => counts[key] > 1);
        var inTrain = context.HoldoutKeys.Count(counts.ContainsKey);
        var holdoutShare = new Proportion(inTrain, context.HoldoutKeys.Length);
        var trainShare = new Proportion(duplicated, context.TrainKeys.Length);
        var level = context.Rules.ConfidenceLevel;
        statistics.Add(new PrivacyStatistic("share of holdout rows found in train", holdoutShare.Share, holdoutShare.Wilson(level)));
        statistics.Add(new PrivacyStatistic("share of train rows duplicated within train", trainShare.Share, trainShare.Wilson(level)));
        if (holdoutShare.PValueAbove(trainShare) < context.Rules.Preconditions.OverlapAlpha)
        {
            violations.Add(
                $"{Figures.Percent(holdoutShare.Share)} of holdout rows are also in train, more than the data's own duplicate rate "
                + $"({Figures.Percent(trainShare.Share)}): the holdout does not look held out.");
        }
    }
}
