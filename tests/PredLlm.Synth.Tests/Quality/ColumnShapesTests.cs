using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class ColumnShapesTests
{
    [Fact]
    public void Identical_tables_score_one_on_every_column_with_an_interval_around_it()
    {
        var real = Correlated(400, seed: 1);

        var result = ColumnShapes.Evaluate(Align(real, real, real), Bootstrap());

        Assert.All(result.Columns, shape => Assert.Equal(1.0, shape.Score.Synthetic.Value, 12));
        Assert.Equal(1.0, result.Average.Synthetic.Value, 12);
        Assert.All(result.Columns, shape =>
        {
            Assert.True(shape.Score.Synthetic.HasInterval);
            Assert.InRange(shape.Score.Synthetic.Value, shape.Score.Synthetic.Lower!.Value, shape.Score.Synthetic.Upper!.Value);
        });
        Assert.Equal(["ks_complement", "ks_complement", "tv_complement"], result.Columns.Select(shape => shape.Metric));
    }

    [Fact]
    public void Ks_complement_of_two_known_samples_is_one_minus_the_largest_cdf_gap()
    {
        // 0..99 against 50..149: the CDFs are furthest apart (0.5) at 49.
        var real = Table(Reals("v", Enumerable.Range(0, 100).Select(i => (double)i)));
        var shifted = Table(Reals("v", Enumerable.Range(50, 100).Select(i => (double)i)));

        var result = ColumnShapes.Evaluate(Align(real, real, shifted), Bootstrap());

        Assert.Equal(0.5, result.Columns[0].Score.Synthetic.Value, 12);
        Assert.Equal(1.0, result.Columns[0].Score.Reference.Value, 12);
    }

    [Fact]
    public void Tv_complement_of_known_frequencies_is_one_minus_half_the_l1_gap()
    {
        var real = Table(Texts("c", Repeat(100, "a", "b")));
        var synthetic = Table(Texts("c", Repeat(100, "a", "a", "a", "a", "b")));

        var result = ColumnShapes.Evaluate(Align(real, real, synthetic), Bootstrap());

        // |0.5 - 0.8| + |0.5 - 0.2| = 0.6, halved: 0.3.
        Assert.Equal(0.7, result.Columns[0].Score.Synthetic.Value, 12);
    }

    [Fact]
    public void A_shifted_distribution_loses_its_shape_while_the_holdout_keeps_it()
    {
        var train = Correlated(2000, seed: 1);
        var holdout = Correlated(500, seed: 2);
        var shifted = Correlated(2000, seed: 3, shift: 1.0);

        var result = ColumnShapes.Evaluate(Align(train, holdout, shifted), Bootstrap());

        var x = result.Columns[0].Score;
        Assert.True(x.Synthetic.Upper < 0.7, $"KS complement of a 1-sd shift was {x.Synthetic}");
        Assert.True(x.Reference.Lower > 0.85, $"holdout reference was {x.Reference}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals()
    {
        var train = Correlated(300, seed: 1);
        var synthetic = Correlated(300, seed: 2);

        var first = ColumnShapes.Evaluate(Align(train, train, synthetic), Bootstrap());
        var second = ColumnShapes.Evaluate(Align(train, train, synthetic), Bootstrap());

        Assert.Equal(first.Columns.Select(c => c.Score), second.Columns.Select(c => c.Score));
        Assert.True(first.Average.Synthetic.Lower < first.Average.Synthetic.Upper);
    }
}
