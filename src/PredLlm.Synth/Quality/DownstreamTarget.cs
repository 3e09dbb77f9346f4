using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// The target column of a downstream task: classification or regression as <see cref="PredictionTasks"/>
/// decides (unless the caller says), with one class list shared by every table involved (ordinal
/// order of the classes' invariant text) so that class indices mean the same everywhere.
/// </summary>
internal sealed class DownstreamTarget
{
    private readonly Dictionary<string, int> _classIndex;

    private DownstreamTarget(string column, PredictionTask task, IReadOnlyList<string> classes)
    {
        Column = column;
        Task = task;
        Classes = classes;
        _classIndex = classes.Select((label, index) => (label, index)).ToDictionary(pair => pair.label, pair => pair.index, StringComparer.Ordinal);
    }

    public string Column { get; }

    public PredictionTask Task { get; }

    /// <summary>Every class seen in any of the tables (empty for regression).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <param name="decidingTable">The real table whose column decides the task when <paramref name="task"/> is not given.</param>
    public static DownstreamTarget Resolve(string column, Table decidingTable, PredictionTask? task, params Table[] tables)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(decidingTable);
        if (!decidingTable.TryGetColumn(column, out var target))
        {
            throw new BadInputException($"The target column '{column}' is not in the table.");
        }

        var kind = task ?? PredictionTasks.Of(target);
        if (kind == PredictionTask.Regression && !NumericView.IsOrdered(target.Family))
        {
            throw new BadInputException($"The target column '{column}' holds no numbers: it can only be a classification target.");
        }

        var classes = kind == PredictionTask.Classification
            ? tables.Append(decidingTable).SelectMany(table => Labels(table, column)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : [];
        return new DownstreamTarget(column, kind, classes);
    }

    /// <summary>The distinct class labels of a table's target column.</summary>
    public static IEnumerable<string> Labels(Table table, string column)
    {
        var target = table[column];
        return Enumerable.Range(0, target.Count).Select(target.Format).OfType<string>().Distinct(StringComparer.Ordinal);
    }

    /// <summary>Each row's class index, -1 where the target is null.</summary>
    public int[] ClassesOf(Table table)
    {
        var target = table[Column];
        return [.. Enumerable.Range(0, target.Count).Select(row => target.Format(row) is { } label ? _classIndex[label] : -1)];
    }

    public int IndexOf(string label) => _classIndex[label];

    /// <summary>Each row's target value, NaN where it is missing.</summary>
    public double[] ValuesOf(Table table) => FiniteValues.Of(table[Column]);
}
