namespace PredLlm.Synth.Quality;

/// <summary>
/// Computes statistics of weighted rows, once with every weight 1 (the estimate), then on seeded
/// bootstrap replicates where each sample's weights are multinomial row counts (resampling with
/// replacement without copying rows). The 95% interval is the percentile interval of the replicates,
/// widened where needed to contain the estimate: similarity scores are bounded and resampling
/// biases them down, so a pure percentile interval can miss a perfect score of 1.
/// </summary>
internal sealed class Bootstrap
{
    /// <summary>Fills <paramref name="output"/> with the statistics for one set of row weights (one array per sample).</summary>
    public delegate void Statistic(IReadOnlyList<int[]> weights, double[] output);

    public Bootstrap(int replicates, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 0);
        Replicates = replicates;
        Seed = seed;
    }

    public int Replicates { get; }

    public int Seed { get; }

    /// <param name="sampleSizes">Rows of each resampled sample (for instance train, holdout, synthetic).</param>
    /// <param name="outputCount">How many statistics <paramref name="statistic"/> writes.</param>
    /// <param name="stream">Distinguishes the random streams of different callers on the same seed.</param>
    public Estimate[] Run(IReadOnlyList<int> sampleSizes, int outputCount, int stream, Statistic statistic)
    {
        ArgumentNullException.ThrowIfNull(sampleSizes);
        ArgumentNullException.ThrowIfNull(statistic);
        var estimate = new double[outputCount];
        statistic([.. sampleSizes.Select(Ones)], estimate);

        var replicates = new double[Replicates][];
        Parallel.For(0, Replicates, replicate =>
        {
            var random = Seeds.Random(Seeds.Derive(Seed, stream), replicate);
            var weights = sampleSizes.Select(size => Resample(size, random)).ToArray();
            replicates[replicate] = new double[outputCount];
            statistic(weights, replicates[replicate]);
        });

        var result = new Estimate[outputCount];
        var values = new List<double>(Replicates);
        for (var output = 0; output < outputCount; output++)
        {
            values.Clear();
            foreach (var replicate in replicates)
            {
                if (!double.IsNaN(replicate[output]))
                {
                    values.Add(replicate[output]);
                }
            }

            result[output] = Interval(estimate[output], values);
        }

        return result;
    }

    private Estimate Interval(double value, List<double> replicates)
    {
        // Too few defined replicates (a statistic undefined on most resamples) give no honest interval.
        if (double.IsNaN(value) || replicates.Count < Math.Max(2, Replicates / 2))
        {
            return Estimate.Exact(value);
        }

        replicates.Sort();
        var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(replicates);
        var lower = Math.Min(value, Quantiles.OfSorted(sorted, 0.025));
        var upper = Math.Max(value, Quantiles.OfSorted(sorted, 0.975));
        return new Estimate(value, lower, upper);
    }

    private static int[] Ones(int size)
    {
        var weights = new int[size];
        Array.Fill(weights, 1);
        return weights;
    }

    private static int[] Resample(int size, Random random)
    {
        var counts = new int[size];
        for (var draw = 0; draw < size; draw++)
        {
            counts[random.Next(size)]++;
        }

        return counts;
    }
}
