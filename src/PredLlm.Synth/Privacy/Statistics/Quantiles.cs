namespace PredLlm.Synth.Privacy.Statistics;

internal static class Quantiles
{
    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var position = Math.Clamp(q, 0, 1) * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>Share of sorted values at or below <paramref name="value"/>.</summary>
    public static double ShareAtOrBelow(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low / (double)sorted.Length;
    }
}
