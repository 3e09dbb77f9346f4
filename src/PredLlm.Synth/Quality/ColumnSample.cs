namespace PredLlm.Synth.Quality;

/// <summary>
/// One column of one table (train, holdout or synthetic) in the forms the metrics read: numbers for
/// numeric and datetime columns (NaN = missing), category codes for categorical ones (-1 = null), and
/// for every kind a discrete level (a bin or a common category; -1 = missing) for contingency tables.
/// </summary>
internal sealed class ColumnSample
{
    public ColumnSample(double[]? numbers, int[]? codes, int[] levels)
    {
        Numbers = numbers;
        Codes = codes;
        Levels = levels;
        MissingCount = levels.Count(level => level < 0);
    }

    public double[]? Numbers { get; }

    public int[]? Codes { get; }

    public int[] Levels { get; }

    public int Count => Levels.Length;

    /// <summary>Rows with no value: nulls, and non-finite numbers.</summary>
    public int MissingCount { get; }

    public bool IsMissing(int row) => Levels[row] < 0;
}
