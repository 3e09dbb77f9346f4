using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Splits;

/// <summary>
/// Splits a table into train, validation and holdout so that each part keeps the target's distribution:
/// rows are grouped by target class (a numeric target by quantile bin, nulls as a group of their own),
/// shuffled within the group by a seeded generator, and each group gives its proportional share.
/// </summary>
public static class StratifiedSplitter
{
    public static DataSplit Split(Table table, string target, SplitPlan plan, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var targetColumn = table.TryGetColumn(target, out var column)
            ? column
            : throw new BadInputException($"The target column '{target}' is not in the table.");

        var random = new Random(seed);
        var holdoutShare = Math.Min(plan.HoldoutFraction, (double)plan.MaxHoldoutRows / table.RowCount);
        var remaining = table.RowCount * (1 - holdoutShare);
        var validationShare = remaining <= 0
            ? 0
            : (1 - holdoutShare) * Math.Min(plan.ValidationFraction, plan.MaxValidationRows / remaining);

        var train = new List<int>();
        var validation = new List<int>();
        var holdout = new List<int>();
        foreach (var stratum in Strata(targetColumn, plan.NumericTargetBins))
        {
            random.Shuffle(stratum);
            var holdoutCount = (int)Math.Round(stratum.Length * holdoutShare, MidpointRounding.ToEven);
            var validationCount = (int)Math.Round(stratum.Length * validationShare, MidpointRounding.ToEven);
            validationCount = Math.Min(validationCount, stratum.Length - holdoutCount);
            holdout.AddRange(stratum.AsSpan(0, holdoutCount));
            validation.AddRange(stratum.AsSpan(holdoutCount, validationCount));
            train.AddRange(stratum.AsSpan(holdoutCount + validationCount));
        }

        // Row order inside each part follows the table, so a split never encodes the target in row order.
        return new DataSplit(Take(table, train), Take(table, validation), Take(table, holdout));
    }

    private static Table Take(Table table, List<int> rows)
    {
        rows.Sort();
        return table.TakeRows(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    private static IEnumerable<int[]> Strata(Column target, int numericBins)
    {
        var keys = new string[target.Count];
        var bins = PredictionTasks.Of(target) == PredictionTask.Regression ? QuantileBins.Fit(target, numericBins) : null;
        for (var row = 0; row < target.Count; row++)
        {
            keys[row] = target.IsNull(row) ? "\0null" : bins?.BinOf(row) ?? target.Format(row)!;
        }
        return Enumerable.Range(0, keys.Length)
            .GroupBy(row => keys[row], StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.ToArray());
    }
}
