namespace PredLlm.Synth.Privacy.Statistics;

internal static class Bootstrap
{
    /// <summary>Fills <paramref name="target"/> with draws from <paramref name="source"/>, with replacement.</summary>
    public static void Resample(double[] source, double[] target, Random random)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = source[random.Next(source.Length)];
        }
    }

    /// <summary>The central <paramref name="level"/> interval of sorted bootstrap values.</summary>
    public static ConfidenceInterval PercentileInterval(double[] sorted, double level)
    {
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(Quantiles.OfSorted(sorted, tail), Quantiles.OfSorted(sorted, 1 - tail), level);
    }
}
