using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Splits;

public class StratifiedSplitterTests
{
    private static Table Labelled(int rows, Func<int, string> label)
    {
        var ids = Column.Create<long>(new ColumnDefinition("id", ColumnStorage.Int64, false), Enumerable.Range(0, rows).Select(i => (long)i).ToArray());
        var labels = Column.Create<string>(new ColumnDefinition("y", ColumnStorage.String, false), Enumerable.Range(0, rows).Select(label).ToArray());
        return new Table([ids, labels]);
    }

    private static long[] Ids(Table table) => ((Column<long>)table["id"]).Values.ToArray();

    [Fact]
    public void Parts_are_disjoint_cover_every_row_and_keep_the_class_balance()
    {
        var table = Labelled(1000, i => i % 10 == 0 ? "rare" : "common");

        var split = StratifiedSplitter.Split(table, "y", new SplitPlan(), seed: 1);

        var all = Ids(split.Train).Concat(Ids(split.Validation)).Concat(Ids(split.Holdout)).ToArray();
        Assert.Equal(1000, all.Length);
        Assert.Equal(1000, all.Distinct().Count());
        Assert.Equal(200, split.Holdout.RowCount);
        Assert.Equal(20, Enumerable.Range(0, split.Holdout.RowCount).Count(r => split.Holdout["y"].Format(r) == "rare"));
        Assert.Equal(80, split.Validation.RowCount);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var table = Labelled(500, i => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var first = StratifiedSplitter.Split(table, "y", new SplitPlan(), seed: 7);
        var again = StratifiedSplitter.Split(table, "y", new SplitPlan(), seed: 7);
        var other = StratifiedSplitter.Split(table, "y", new SplitPlan(), seed: 8);

        Assert.Equal(Ids(first.Holdout), Ids(again.Holdout));
        Assert.NotEqual(Ids(first.Holdout), Ids(other.Holdout));
    }

    [Fact]
    public void The_holdout_is_bounded_and_a_numeric_target_is_stratified_by_quantiles()
    {
        var values = Enumerable.Range(0, 2000).Select(i => (double)i).ToArray();
        var table = new Table([Column.Create<double>(new ColumnDefinition("x", ColumnStorage.Double, false), values)]);

        var split = StratifiedSplitter.Split(table, "x", new SplitPlan { MaxHoldoutRows = 100, NumericTargetBins = 4 }, seed: 3);

        Assert.Equal(100, split.Holdout.RowCount);
        var holdout = ((Column<double>)split.Holdout["x"]).Values.ToArray();
        Assert.All(new[] { 0, 500, 1000, 1500 }, start => Assert.Equal(25, holdout.Count(v => v >= start && v < start + 500)));
    }

    [Fact]
    public void An_unknown_target_is_bad_input_naming_it()
    {
        var error = Assert.Throws<BadInputException>(() => StratifiedSplitter.Split(Labelled(10, _ => "a"), "label", new SplitPlan(), 0));

        Assert.Contains("'label'", error.Message, StringComparison.Ordinal);
    }
}
