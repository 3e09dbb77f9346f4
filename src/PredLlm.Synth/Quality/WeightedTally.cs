namespace PredLlm.Synth.Quality;

/// <summary>Weighted frequencies of small integer indices (category codes, bins, support positions); -1 marks a missing value and is skipped.</summary>
internal static class WeightedTally
{
    /// <summary>Adds each row's weight to <paramref name="counts"/>[index] and returns the total weight counted.</summary>
    public static double Count(ReadOnlySpan<int> index, ReadOnlySpan<int> weights, Span<double> counts)
    {
        counts.Clear();
        double total = 0;
        for (var row = 0; row < index.Length; row++)
        {
            var at = index[row];
            if (at >= 0)
            {
                counts[at] += weights[row];
                total += weights[row];
            }
        }

        return total;
    }

    /// <summary>Half the L1 distance of two tallies as frequency distributions (total variation); 1 when only one side has values, NaN when neither has.</summary>
    public static double TotalVariation(ReadOnlySpan<double> first, double firstTotal, ReadOnlySpan<double> second, double secondTotal)
    {
        if (firstTotal <= 0 || secondTotal <= 0)
        {
            return firstTotal <= 0 && secondTotal <= 0 ? double.NaN : 1.0;
        }

        double sum = 0;
        for (var i = 0; i < first.Length; i++)
        {
            sum += Math.Abs((first[i] / firstTotal) - (second[i] / secondTotal));
        }

        return sum / 2;
    }

    /// <summary>Largest gap between the two cumulative distributions (Kolmogorov-Smirnov statistic) of tallies over an ordered support.</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<double> first, double firstTotal, ReadOnlySpan<double> second, double secondTotal)
    {
        if (firstTotal <= 0 || secondTotal <= 0)
        {
            return firstTotal <= 0 && secondTotal <= 0 ? double.NaN : 1.0;
        }

        double firstCumulative = 0, secondCumulative = 0, largest = 0;
        for (var i = 0; i < first.Length; i++)
        {
            firstCumulative += first[i];
            secondCumulative += second[i];
            largest = Math.Max(largest, Math.Abs((firstCumulative / firstTotal) - (secondCumulative / secondTotal)));
        }

        return largest;
    }

    /// <summary>Mean of the defined (non-NaN) values, NaN when none is.</summary>
    public static double MeanOfDefined(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
