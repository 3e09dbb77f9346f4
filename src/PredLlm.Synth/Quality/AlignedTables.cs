using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// The real train split, the real holdout and a synthetic table, checked to share the train split's
/// compared columns (same names, same value families) and encoded column by column
/// (<see cref="AlignedColumn"/>). Identifier-like train columns are not compared (see
/// <see cref="QualityColumnKinds"/>); the other tables may lack them.
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
        var kinds = train.Columns.Select(QualityColumnKinds.Of).ToArray();
        var compared = train.Columns.Where((_, c) => kinds[c] is not null).ToArray();
        IdentifierColumns = [.. train.Columns.Where((_, c) => kinds[c] is null).Select(column => column.Name)];
        RequireSameColumns(train, compared, holdout, "holdout");
        RequireSameColumns(train, compared, synthetic, "synthetic");

        Train = train;
        Holdout = holdout;
        Synthetic = synthetic;
        Columns = [.. compared.Select(column => new AlignedColumn(column, holdout[column.Name], synthetic[column.Name], kinds[train.IndexOf(column.Name)]!.Value))];
    }

    /// <summary>Identifier-like train columns, left out of every comparison.</summary>
    public IReadOnlyList<string> IdentifierColumns { get; }

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

    private static void RequireSameColumns(Table train, IEnumerable<Column> compared, Table other, string role)
    {
        foreach (var column in compared)
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

        var extra = other.Columns.FirstOrDefault(column => train.IndexOf(column.Name) < 0);
        if (extra is not null)
        {
            throw new BadInputException($"The {role} table has a column '{extra.Name}' the train table lacks.");
        }
    }
}
