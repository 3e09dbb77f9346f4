using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class PairTrendsTests
{
    [Fact]
    public void Identical_tables_keep_every_pair_trend()
    {
        var real = Correlated(500, seed: 1);

        var result = PairTrends.Evaluate(Align(real, real, real), Bootstrap());

        Assert.Equal(3, result.Pairs.Count);
        Assert.All(result.Pairs, pair => Assert.Equal(1.0, pair.Score.Synthetic.Value, 12));
        var xy = result.Pairs.Single(pair => pair.First == "x" && pair.Second == "y");
        Assert.Equal(PairTrends.CorrelationSimilarity, xy.Metric);
        Assert.True(xy.RealAssociation > 0.95);
        Assert.Equal(PairTrends.ContingencySimilarity, result.Pairs.Single(pair => pair.Second == "group" && pair.First == "x").Metric);
    }

    [Fact]
    public void Independently_shuffled_columns_lose_their_pair_trends_but_not_their_shapes()
    {
        var train = Correlated(2000, seed: 1);
        var holdout = Correlated(500, seed: 2);
        var shuffled = ShuffledColumns(Correlated(2000, seed: 3), seed: 4);
        var tables = Align(train, holdout, shuffled);

        var trends = PairTrends.Evaluate(tables, Bootstrap());
        var shapes = ColumnShapes.Evaluate(tables, Bootstrap());

        var xy = trends.Pairs.Single(pair => pair.First == "x" && pair.Second == "y");
        // r ~ 0.99 real, ~ 0 shuffled: similarity ~ 1 - 0.99 / 2.
        Assert.InRange(xy.Score.Synthetic.Value, 0.45, 0.56);
        Assert.InRange(Math.Abs(xy.SyntheticAssociation), 0, 0.1);
        Assert.True(trends.Average.Synthetic.Upper < trends.Average.Reference.Lower);
        Assert.True(shapes.Average.Synthetic.Value > 0.95);
    }

    [Fact]
    public void Correlation_similarity_of_opposite_perfect_correlations_is_zero()
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var real = Table(Reals("a", x), Reals("b", x));
        var reversed = Table(Reals("a", x), Reals("b", x.Reverse()));

        var result = PairTrends.Evaluate(Align(real, real, reversed), Bootstrap());

        Assert.Equal(0.0, result.Pairs[0].Score.Synthetic.Value, 9);
        Assert.Equal(-1.0, result.Pairs[0].SyntheticAssociation, 9);
    }

    [Fact]
    public void A_constant_numeric_column_is_compared_by_contingency()
    {
        var real = Table(Reals("a", Enumerable.Repeat(3.0, 40)), Reals("b", Enumerable.Range(0, 40).Select(i => (double)i)));

        var result = PairTrends.Evaluate(Align(real, real, real), Bootstrap());

        Assert.Equal(PairTrends.ContingencySimilarity, result.Pairs[0].Metric);
        Assert.Equal(1.0, result.Pairs[0].Score.Synthetic.Value, 12);
    }
}
