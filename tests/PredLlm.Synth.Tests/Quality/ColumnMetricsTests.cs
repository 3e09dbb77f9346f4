using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

/// <summary>Null rates, adherence and inverse KL: the per-column metrics with closed-form answers.</summary>
public class ColumnMetricsTests
{
    [Fact]
    public void Null_rate_difference_is_the_gap_between_missing_shares()
    {
        var real = Table(RealsWithNulls("v", Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? (double?)null : i)));
        var synthetic = Table(RealsWithNulls("v", Enumerable.Range(0, 100).Select(i => i % 10 < 3 ? (double?)null : i)));

        var result = NullRates.Evaluate(Align(real, real, synthetic), Bootstrap());

        var column = Assert.Single(result.Columns);
        Assert.Equal(0.1, column.TrainRate, 12);
        Assert.Equal(0.3, column.SyntheticRate, 12);
        Assert.Equal(0.2, column.Difference.Synthetic.Value, 12);
        Assert.Equal(0.0, column.Difference.Reference.Value, 12);
    }

    [Fact]
    public void Adherence_counts_invented_categories_and_values_beyond_the_train_range()
    {
        var real = Table(Texts("c", Repeat(100, "a", "b")), Reals("v", Enumerable.Range(0, 100).Select(i => (double)(i % 10))));
        var synthetic = Table(Texts("c", Repeat(100, "a", "b", "a", "new")), Reals("v", Enumerable.Range(0, 100).Select(i => (double)(i % 20))));

        var result = Adherence.Evaluate(Align(real, real, synthetic), Bootstrap());

        Assert.Equal(Adherence.CategoryAdherence, result.Columns[0].Metric);
        Assert.Equal(0.75, result.Columns[0].Score.Synthetic.Value, 12);
        Assert.Equal(Adherence.RangeAdherence, result.Columns[1].Metric);
        Assert.Equal(0.5, result.Columns[1].Score.Synthetic.Value, 12);
        Assert.All(result.Columns, column => Assert.Equal(1.0, column.Score.Reference.Value, 12));
    }

    [Fact]
    public void Unseen_category_count_counts_each_invented_value_of_every_categorical_column()
    {
        var real = Table(Texts("c", Repeat(100, "a", "b")), Texts("d", Repeat(100, "x")), Reals("v", Enumerable.Range(0, 100).Select(i => (double)i)));
        var synthetic = Table(Texts("c", Repeat(100, "a", "b", "a", "new")), Texts("d", Repeat(100, "x", "y")), Reals("v", Enumerable.Range(0, 100).Select(i => i + 1000.0)));

        // 25 "new" and 50 "y"; numbers beyond the train range are not categories.
        Assert.Equal(75, Adherence.UnseenCategoryCount(Align(real, real, synthetic)));
        Assert.Equal(0, Adherence.UnseenCategoryCount(Align(real, real, real)));
    }

    [Fact]
    public void Inverse_kl_is_one_for_identical_columns_and_matches_the_closed_form()
    {
        var real = Table(Texts("c", Repeat(100, "a", "b")));
        var synthetic = Table(Texts("c", Repeat(100, "a", "b", "b", "b")));

        var result = InverseKl.Evaluate(Align(real, real, synthetic), Bootstrap());

        // KL((1/2, 1/2) || (1/4, 3/4)) = 1/2 ln 2 + 1/2 ln(2/3).
        var divergence = (0.5 * Math.Log(2)) + (0.5 * Math.Log(2.0 / 3));
        Assert.Equal(1 / (1 + divergence), result.Columns[0].Score.Synthetic.Value, 9);
        Assert.Equal(1.0, result.Columns[0].Score.Reference.Value, 12);
    }

    [Fact]
    public void Inverse_kl_punishes_a_missing_level_hard()
    {
        var real = Table(Texts("c", Repeat(100, "a", "b")));
        var synthetic = Table(Texts("c", Repeat(100, "a")));

        var result = InverseKl.Evaluate(Align(real, real, synthetic), Bootstrap());

        Assert.True(result.Columns[0].Score.Synthetic.Value < 0.2);
    }

    [Fact]
    public void Tables_whose_columns_differ_are_refused_as_bad_input()
    {
        var real = Table(Reals("v", [1, 2, 3]));
        var renamed = Table(Reals("w", [1, 2, 3]));
        var retyped = Table(Texts("v", ["1", "2", "3"]));

        Assert.Contains("no column 'v'", Assert.Throws<BadInputException>(() => Align(real, real, renamed)).Message, StringComparison.Ordinal);
        Assert.Contains("Text", Assert.Throws<BadInputException>(() => Align(real, real, retyped)).Message, StringComparison.Ordinal);
    }
}
