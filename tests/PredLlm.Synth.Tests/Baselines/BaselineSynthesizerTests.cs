using PredLlm.Synth.Baselines;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Baselines;

public class BaselineSynthesizerTests
{
    // x uniform, y = x + small noise, colour decided by x: a table with strong relations between columns.
    private static Table Related(int rows)
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 100).ToArray();
        var y = x.Select(v => v + random.NextDouble() * 5).ToArray();
        var colour = x.Select(v => v < 50 ? "blue" : "red").ToArray();
        var nulls = x.Select((_, i) => i % 10 == 0).ToArray();
        return new Table([
            Column.Create<double>(new ColumnDefinition("x", ColumnStorage.Double, false), x),
            Column.Create<double>(new ColumnDefinition("y", ColumnStorage.Float, true), y, nulls),
            Column.Create<string>(new ColumnDefinition("colour", ColumnStorage.String, false), colour),
        ]);
    }

    private static double Correlation(double[] a, double[] b)
    {
        var pairs = a.Zip(b).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToArray();
        var meanA = pairs.Average(p => p.First);
        var meanB = pairs.Average(p => p.Second);
        var cov = pairs.Sum(p => (p.First - meanA) * (p.Second - meanB));
        return cov / Math.Sqrt(pairs.Sum(p => Math.Pow(p.First - meanA, 2)) * pairs.Sum(p => Math.Pow(p.Second - meanB, 2)));
    }

    private static double ShareAgreeing(Table table) =>
        Enumerable.Range(0, table.RowCount).Count(r =>
            (((Column<double>)table["x"])[r] < 50) == (table["colour"].Format(r) == "blue")) / (double)table.RowCount;

    [Fact]
    public void The_copula_keeps_relations_between_columns_and_every_value_comes_from_train()
    {
        var train = Related(2000);

        var synthetic = new GaussianCopula().Generate(train, 3000, seed: 1);

        Assert.Equal(3000, synthetic.RowCount);
        Assert.Equal(train.Definitions, synthetic.Definitions);
        Assert.InRange(Correlation(NumericView.Of(synthetic["x"]), NumericView.Of(synthetic["y"])), 0.9, 1.0);
        Assert.InRange(ShareAgreeing(synthetic), 0.75, 1.0); // independent columns agree half the time
        var trainX = ((Column<double>)train["x"]).Values.ToArray().ToHashSet();
        Assert.All(((Column<double>)synthetic["x"]).Values.ToArray(), v => Assert.Contains(v, trainX));
        Assert.InRange(synthetic["y"].NullCount / 3000.0, 0.07, 0.13);
    }

    [Fact]
    public void Independent_marginals_keep_each_column_and_lose_the_relations()
    {
        var train = Related(2000);

        var synthetic = new IndependentMarginals().Generate(train, 3000, seed: 1);

        Assert.Equal(train.Definitions, synthetic.Definitions);
        Assert.InRange(Correlation(NumericView.Of(synthetic["x"]), NumericView.Of(synthetic["y"])), -0.1, 0.1);
        Assert.InRange(ShareAgreeing(synthetic), 0.4, 0.6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_table()
    {
        var train = Related(200);

        var first = new GaussianCopula().Generate(train, 50, seed: 9);
        var again = new GaussianCopula().Generate(train, 50, seed: 9);

        Assert.Equal(Enumerable.Range(0, 50).Select(first["y"].Format), Enumerable.Range(0, 50).Select(again["y"].Format));
    }
}
