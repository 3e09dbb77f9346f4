namespace PredLlm.Synth.Quality;

/// <summary>1 / (1 + KL(real || synthetic)) of one column's discretised distribution: 1 is identical, towards 0 ever more different.</summary>
public sealed record ColumnInverseKl(string Column, ComparedScore Score);

public sealed record InverseKlResult(IReadOnlyList<ColumnInverseKl> Columns, ComparedScore Average);

/// <summary>
/// Inverse KL divergence per column, the Pred-LLM paper's marginal metric (synthcity's
/// InverseKLDivergence): the column is discretised (numbers into the train split's 10 bins, categories
/// as the 20 most frequent plus "other"), a level one side lacks gets a tiny probability
/// (<see cref="Floor"/>) so the divergence stays finite, and KL(train || other) becomes 1 / (1 + KL).
/// </summary>
internal static class InverseKl
{
    /// <summary>Probability given to a level one distribution lacks (synthcity uses the same 1e-11).</summary>
    public const double Floor = 1e-11;
    private const int Stream = 5;

    public static InverseKlResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var statistics = tables.Columns.Select(column => (PerColumnScores.ColumnStatistic)(weights =>
        {
            var train = new double[column.LevelCount];
            var other = new double[column.LevelCount];
            var trainTotal = WeightedTally.Count(column.Train.Levels, weights[ComparedSamples.Train], train);
            var syntheticTotal = WeightedTally.Count(column.Synthetic.Levels, weights[ComparedSamples.Synthetic], other);
            var synthetic = Inverse(train, trainTotal, other, syntheticTotal);
            var holdoutTotal = WeightedTally.Count(column.Holdout.Levels, weights[ComparedSamples.Holdout], other);
            return (synthetic, Inverse(train, trainTotal, other, holdoutTotal));
        })).ToArray();
        var (scores, average) = PerColumnScores.Run(tables, bootstrap, Stream, statistics);
        return new InverseKlResult([.. tables.Columns.Select((column, c) => new ColumnInverseKl(column.Name, scores[c]))], average);
    }

    /// <summary>1 / (1 + KL(p || q)) for two tallies over the same levels; NaN when either has no value.</summary>
    public static double Inverse(ReadOnlySpan<double> real, double realTotal, ReadOnlySpan<double> other, double otherTotal)
    {
        if (realTotal <= 0 || otherTotal <= 0)
        {
            return double.NaN;
        }

        double divergence = 0;
        for (var level = 0; level < real.Length; level++)
        {
            var p = real[level] > 0 ? real[level] / realTotal : Floor;
            var q = other[level] > 0 ? other[level] / otherTotal : Floor;
            // scipy's kl_div term p log(p/q) - p + q: the extra terms cancel for distributions and keep each term >= 0.
            divergence += (p * Math.Log(p / q)) - p + q;
        }

        return 1 / (1 + divergence);
    }
}
