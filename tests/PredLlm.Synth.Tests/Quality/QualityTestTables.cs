using PredLlm.Synth.Quality;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Quality;

/// <summary>Small tables built in code for the quality tests, and the evaluation entry points they call.</summary>
internal static class QualityTestTables
{
    public static Column Reals(string name, IEnumerable<double> values) =>
        Column.Create<double>(new ColumnDefinition(name, ColumnStorage.Double, isNullable: false), values.ToArray());

    public static Column RealsWithNulls(string name, IEnumerable<double?> values)
    {
        var list = values.ToList();
        return Column.Create<double>(
            new ColumnDefinition(name, ColumnStorage.Double, isNullable: true),
            list.Select(value => value ?? 0).ToArray(),
            list.Select(value => value is null).ToArray());
    }

    public static Column Integers(string name, IEnumerable<long> values) =>
        Column.Create<long>(new ColumnDefinition(name, ColumnStorage.Int64, isNullable: false), values.ToArray());

    public static Column Texts(string name, IEnumerable<string> values) =>
        Column.Create<string>(new ColumnDefinition(name, ColumnStorage.String, isNullable: false), values.ToArray());

    /// <summary>A 0/1 integer column, 1 in the rows <paramref name="set"/> picks.</summary>
    public static Column Dummy(string name, int rows, Func<int, bool> set) =>
        Integers(name, Enumerable.Range(0, rows).Select(row => set(row) ? 1L : 0L));

    public static Table Table(params Column[] columns) => new(columns);

    /// <summary><paramref name="count"/> values repeating <paramref name="pattern"/>.</summary>
    public static IEnumerable<string> Repeat(int count, params string[] pattern) => Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length]);

    /// <summary>A table with a numeric column x, a numeric column y = 2x + noise, and a category that follows x.</summary>
    public static Table Correlated(int rows, int seed, double shift = 0)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, rows).Select(_ => Gaussian(random) + shift).ToArray();
        var y = x.Select(value => (2 * value) + (0.3 * Gaussian(random))).ToArray();
        var group = x.Select(value => value > shift ? (random.NextDouble() < 0.9 ? "high" : "low") : (random.NextDouble() < 0.9 ? "low" : "high")).ToArray();
        return Table(Reals("x", x), Reals("y", y), Texts("group", group));
    }

    /// <summary>The same table with every column shuffled on its own: marginals kept, relations between columns destroyed.</summary>
    public static Table ShuffledColumns(Table table, int seed)
    {
        var random = new Random(seed);
        return new Table(table.Columns.Select(column =>
        {
            var order = Enumerable.Range(0, table.RowCount).ToArray();
            random.Shuffle(order);
            return column.TakeRows(order);
        }));
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static AlignedTables Align(Table train, Table holdout, Table synthetic) => new(train, holdout, synthetic);

    public static Bootstrap Bootstrap(int replicates = 50) => new(replicates, seed: 7);
}
