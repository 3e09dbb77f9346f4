using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Tests.Tables;

namespace PredLlm.Synth.Tests.Privacy;

/// <summary>
/// Real tables cut three ways with a seed: train (what a model would learn from), holdout (the gate's
/// yardstick) and fresh rows (real rows neither has seen: a perfect generator's output), plus the planted
/// leaks the gate must catch.
/// </summary>
internal sealed record GateScenario(string Name, Table Train, Table Holdout, Table Fresh)
{
    private static readonly Dictionary<string, GateScenario> Cache = [];

    /// <summary>60% train, 20% holdout, 20% fresh, from at most <paramref name="maxRows"/> rows of the benchmark table.</summary>
    public static GateScenario Of(string name, int maxRows = 12_000)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var scenario))
            {
                var table = Read(name, maxRows);
                var first = Split(table, seed: 11);
                var second = Split(first.Train, seed: 12, holdout: 0.25);
                scenario = new GateScenario(name, second.Train, first.Holdout, second.Holdout);
                Cache.Add(name, scenario);
            }

            return scenario;
        }
    }

    /// <summary>The first <paramref name="maxRows"/> rows of a benchmark table, read as the product reads CSV.</summary>
    public static Table Read(string name, int maxRows = int.MaxValue)
    {
        var table = TableReader.ReadAsync(BenchmarkTables.PathOf(name)).GetAwaiter().GetResult();
        return table.RowCount <= maxRows ? table : table.TakeRows([.. Enumerable.Range(0, maxRows)]);
    }

    /// <summary>A seeded split stratified on the last column, with no validation rows.</summary>
    public static DataSplit Split(Table table, int seed, double holdout = 0.2) =>
        StratifiedSplitter.Split(
            table,
            table[table.ColumnCount - 1].Name,
            new SplitPlan { HoldoutFraction = holdout, ValidationFraction = 0, MaxHoldoutRows = int.MaxValue },
            seed);

    /// <summary>Fresh rows with every tenth replaced by a train row: a leak hidden among good rows.</summary>
    public Table FreshWithTenPercentTrainRows()
    {
        var random = new Random(13);
        var leaked = Enumerable.Range(0, Fresh.RowCount / 10).Select(_ => random.Next(Train.RowCount)).ToArray();
        var kept = Enumerable.Range(0, Fresh.RowCount - leaked.Length).ToArray();
        var columns = Fresh.Columns.Select(column => Concat(column.TakeRows(kept), Train[column.Name].TakeRows(leaked)));
        return new Table(columns);
    }

    private static Column Concat(Column first, Column second)
    {
        var builder = ColumnBuilder.Create(first.Definition, first.Count + second.Count);
        foreach (var column in new[] { first, second })
        {
            for (var row = 0; row < column.Count; row++)
            {
                if (column.Format(row) is { } text)
                {
                    builder.TryAppendText(text);
                }
                else
                {
                    builder.AppendNull();
                }
            }
        }

        return builder.Build();
    }
}

/// <summary>A theory over benchmark tables; reported as skipped (not passed) where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchmarkTablesTheoryAttribute : TheoryAttribute
{
    public BenchmarkTablesTheoryAttribute()
    {
        if (BenchmarkTables.Folder is null)
        {
            Skip = "The benchmark tables are not here: set PREDLLM_DATASETS or put them in ../shared/datasets.";
        }
    }
}
