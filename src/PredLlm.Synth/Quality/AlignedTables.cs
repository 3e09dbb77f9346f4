using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// The real train split, the real holdout and a synthetic table, checked to share the train split's
/// columns (same names, same value families) and encoded column by column (<see cref="AlignedColumn"/>).
/// </summary>
internal sealed class AlignedTables
{
    public AlignedTables(Table train, Table holdout, Table synthetic)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        RequireRows(train, "train");
        RequireRows(holdout, "holdout");
        RequireRows(synthetic, "synthetic");
        RequireSameColumns(train, holdout, "holdout");
        RequireSameColumns(train, synthetic, "synthetic");

        Train = train;
        Holdout = holdout;
        Synthetic = synthetic;
        Columns = [.. train.Columns.Select(column => new AlignedColumn(column, holdout[column.Name], synthetic[column.Name]))];
    }

    public Table Train { get; }

    public Table Holdout { get; }

    public Table Synthetic { get; }

    public IReadOnlyList<AlignedColumn> Columns { get; }

    public int TrainRows => Train.RowCount;

    public int HoldoutRows => Holdout.RowCount;

    public int SyntheticRows => Synthetic.RowCount;

    private static void RequireRows(Table table, string role)
    {
        if (table.RowCount == 0)
        {
            throw new BadInputException($"The {role} table has no rows.");
        }
    }

    private static void RequireSameColumns(Table train, Table other, string role)
    {
        foreach (var column in train.Columns)
        {
            if (!other.TryGetColumn(column.Name, out var match))
            {
                throw new BadInputException($"The {role} table has no column '{column.Name}' (the train table has).");
            }

            if (match.Family != column.Family)
            {
                throw new BadInputException($"Column '{column.Name}' holds {match.Family} values in the {role} table but {column.Family} values in the train table.");
            }
        }

        if (other.ColumnCount != train.ColumnCount)
        {
            var extra = other.Columns.First(column => train.IndexOf(column.Name) < 0);
            throw new BadInputException($"The {role} table has a column '{extra.Name}' the train table lacks.");
        }
    }
}
