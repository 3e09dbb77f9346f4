using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// One column as it appears in the real train split, the real holdout and the synthetic table,
/// encoded once on the train split's terms (its categories, its bins) so that every metric compares
/// like with like.
/// </summary>
internal sealed class AlignedColumn
{
    /// <summary>Numeric columns are cut into this many equal-width bins for contingency tables and KL.</summary>
    public const int NumericLevels = 10;

    /// <summary>Categorical columns keep this many most frequent train categories as levels; the rest share one "other" level.</summary>
    public const int CategoryLevels = 20;

    public AlignedColumn(Column train, Column holdout, Column synthetic, QualityColumnKind kind)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        Name = train.Name;
        Family = train.Family;
        Kind = kind;
        if (Kind == QualityColumnKind.Categorical)
        {
            Categories = CategoryCoding.Fit(train, holdout, synthetic);
            LevelCount = Math.Min(Categories.Count, CategoryLevels + 1);
            Train = Categorical(train);
            Holdout = Categorical(holdout);
            Synthetic = Categorical(synthetic);
        }
        else
        {
            var trainNumbers = FiniteValues.Of(train);
            Binning = NumericBinning.Fit(trainNumbers, NumericLevels);
            LevelCount = Binning.BinCount;
            Train = Numeric(trainNumbers);
            Holdout = Numeric(FiniteValues.Of(holdout));
            Synthetic = Numeric(FiniteValues.Of(synthetic));
        }
    }

    public string Name { get; }

    public ValueFamily Family { get; }

    public QualityColumnKind Kind { get; }

    public bool IsCategorical => Kind == QualityColumnKind.Categorical;

    /// <summary>The shared category codes (categorical columns only).</summary>
    public CategoryCoding? Categories { get; }

    /// <summary>The bins fitted on train (numeric and datetime columns only).</summary>
    public NumericBinning? Binning { get; }

    /// <summary>Number of distinct <see cref="ColumnSample.Levels"/>.</summary>
    public int LevelCount { get; }

    public ColumnSample Train { get; }

    public ColumnSample Holdout { get; }

    public ColumnSample Synthetic { get; }

    private ColumnSample Categorical(Column column)
    {
        var codes = Categories!.CodesOf(column);
        var levels = new int[codes.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            levels[row] = codes[row] < 0 ? -1 : Math.Min(codes[row], CategoryLevels);
        }

        return new ColumnSample(null, codes, levels);
    }

    private ColumnSample Numeric(double[] numbers) => new(numbers, null, Binning!.BinsOf(numbers));
}
