namespace PredLlm.Synth.Quality;

/// <summary>Quantiles of sorted samples, interpolated linearly between order statistics (R's type 7, numpy's default).</summary>
internal static class Quantiles
{
    public static double OfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = position - below;
        return sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }

    /// <summary>The finite values of <paramref name="values"/>, sorted ascending.</summary>
    public static double[] SortedFinite(ReadOnlySpan<double> values)
    {
        var finite = new List<double>(values.Length);
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                finite.Add(value);
            }
        }

        var sorted = finite.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
