namespace PredLlm.Synth.Quality;

/// <summary>
/// Runs one (synthetic vs train, holdout vs train) statistic per column under a single bootstrap, so
/// that each column and the average over columns get an interval from the same row resamples.
/// </summary>
internal static class PerColumnScores
{
    /// <summary>A column's statistic for given row weights: (synthetic vs train, holdout vs train).</summary>
    public delegate (double Synthetic, double Reference) ColumnStatistic(IReadOnlyList<int[]> weights);

    public static (ComparedScore[] Columns, ComparedScore Average) Run(AlignedTables tables, Bootstrap bootstrap, int stream, IReadOnlyList<ColumnStatistic> statistics)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(statistics);
        var count = statistics.Count;
        var outputs = bootstrap.Run(ComparedSamples.Sizes(tables), (2 * count) + 2, stream, (weights, output) =>
        {
            var synthetic = new double[count];
            var reference = new double[count];
            for (var c = 0; c < count; c++)
            {
                (synthetic[c], reference[c]) = statistics[c](weights);
                output[2 * c] = synthetic[c];
                output[(2 * c) + 1] = reference[c];
            }

            output[^2] = WeightedTally.MeanOfDefined(synthetic);
            output[^1] = WeightedTally.MeanOfDefined(reference);
        });

        var columns = new ComparedScore[count];
        for (var c = 0; c < count; c++)
        {
            columns[c] = ComparedSamples.Score(outputs, 2 * c);
        }

        return (columns, ComparedSamples.Score(outputs, 2 * count));
    }
}
