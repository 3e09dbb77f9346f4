using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Privacy;

/// <summary>
/// The benchmark tables of ../shared/datasets for gate tests. The CSVs are simple (no quoting, '?' for a
/// missing value); each column is an integer, a real or a text column, whichever every value parses as.
/// </summary>
internal static class BenchmarkTables
{
    public static string Folder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "shared", "datasets")))
            {
                directory = directory.Parent;
            }

            return directory is null
                ? throw new InvalidOperationException("../shared/datasets not found above the test binaries.")
                : Path.Combine(directory.FullName, "shared", "datasets");
        }
    }

    public static Table Read(string name, int maxRows = int.MaxValue)
    {
        var lines = File.ReadLines(Path.Combine(Folder, name + ".csv")).Where(line => line.Length > 0).Take(maxRows == int.MaxValue ? int.MaxValue : maxRows + 1).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        var columns = new List<Column>();
        for (var c = 0; c < header.Length; c++)
        {
            var texts = cells.Select(row => row[c].Trim()).ToArray();
            var nullable = texts.Any(IsMissing);
            var present = texts.Where(text => !IsMissing(text)).ToArray();
            var storage = present.All(text => ValueText.TryParseInteger(text, out _)) ? ColumnStorage.Int64
                : present.All(text => ValueText.TryParseReal(text, out _)) ? ColumnStorage.Double
                : ColumnStorage.String;
            var builder = ColumnBuilder.Create(new ColumnDefinition(header[c].Trim(), storage, nullable), texts.Length);
            foreach (var text in texts)
            {
                if (IsMissing(text))
                {
                    builder.AppendNull();
                }
                else if (!builder.TryAppendText(text))
                {
                    throw new InvalidOperationException($"Column {header[c]} refused a value.");
                }
            }

            columns.Add(builder.Build());
        }

        return new Table(columns);
    }

    /// <summary>A seeded stratified 80/20 split on the last column.</summary>
    public static DataSplit Split(Table table, int seed, double holdout = 0.2) =>
        StratifiedSplitter.Split(
            table,
            table[table.ColumnCount - 1].Name,
            new SplitPlan { HoldoutFraction = holdout, ValidationFraction = 0, MaxHoldoutRows = int.MaxValue },
            seed);

    private static bool IsMissing(string text) => text.Length == 0 || text == "?";
}
