namespace PredLlm.Synth.Quality;

/// <summary>
/// Share of missing values (nulls, and non-finite numbers) of one column in each table, and the
/// absolute differences |synthetic - train| and |holdout - train| with their intervals.
/// </summary>
public sealed record NullRateDifference(string Column, double TrainRate, double SyntheticRate, double HoldoutRate, ComparedScore Difference);

public sealed record NullRatesResult(IReadOnlyList<NullRateDifference> Columns, ComparedScore AverageDifference);

/// <summary>Null-rate differences per column: a product that drops or invents nulls shows here (the gate's validity check allows 2 percentage points by default).</summary>
internal static class NullRates
{
    private const int Stream = 3;

    public static NullRatesResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var statistics = tables.Columns.Select(column => (PerColumnScores.ColumnStatistic)(weights =>
        {
            var train = Rate(column.Train, weights[ComparedSamples.Train]);
            return (Math.Abs(Rate(column.Synthetic, weights[ComparedSamples.Synthetic]) - train),
                    Math.Abs(Rate(column.Holdout, weights[ComparedSamples.Holdout]) - train));
        })).ToArray();
        var (differences, average) = PerColumnScores.Run(tables, bootstrap, Stream, statistics);
        var columns = tables.Columns.Select((column, c) => new NullRateDifference(
            column.Name,
            Share(column.Train),
            Share(column.Synthetic),
            Share(column.Holdout),
            differences[c])).ToArray();
        return new NullRatesResult(columns, average);
    }

    private static double Share(ColumnSample sample) => (double)sample.MissingCount / sample.Count;

    private static double Rate(ColumnSample sample, int[] weights)
    {
        if (sample.MissingCount == 0)
        {
            return 0;
        }

        double missing = 0, total = 0;
        for (var row = 0; row < weights.Length; row++)
        {
            total += weights[row];
            if (sample.IsMissing(row))
            {
                missing += weights[row];
            }
        }

        return missing / total;
    }
}
