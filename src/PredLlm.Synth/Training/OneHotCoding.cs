using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Training;

/// <summary>
/// The table as its model reads and writes it: each <see cref="OneHotGroup"/> becomes one text field, in the
/// place of its first member, whose value is the name of the member that is set. Written column by column, a code
/// is many yes/no choices the model must keep consistent with each other and with the label; on
/// cardiotocography (ten class-code columns) half the synthetic rows had exactly one set, and once a grammar
/// forced exactly one, the label named the code's class in half of them. As one field the code is one choice,
/// conditioned on the rest of the row like any category, and the label query reads it as one value.
/// </summary>
public sealed class OneHotCoding
{
    private readonly OneHotGroup?[] groupOf;

    /// <param name="source">The table's columns.</param>
    /// <param name="groups">Disjoint groups of <paramref name="source"/> columns.</param>
    public OneHotCoding(IReadOnlyList<ColumnDefinition> source, IReadOnlyList<OneHotGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(groups);
        Source = source;
        groupOf = new OneHotGroup?[source.Count];
        foreach (var group in groups)
        {
            if (group.Columns.Count < 2 || group.Columns.Any(column => column < 0 || column >= source.Count || groupOf[column] is not null))
            {
                throw new ArgumentException("A one-hot group has at least two columns of the table, in no other group.", nameof(groups));
            }
            foreach (var column in group.Columns)
            {
                groupOf[column] = group;
            }
        }
        var names = source.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        Coded = [.. Enumerable.Range(0, source.Count)
            .Where(column => groupOf[column] is not { } group || group.Columns[0] == column)
            .Select(column => groupOf[column] is { } group ? new ColumnDefinition(CodeName(group, names), ColumnStorage.String, isNullable: true) : source[column])];
    }

    /// <summary>The table's columns.</summary>
    public IReadOnlyList<ColumnDefinition> Source { get; }

    /// <summary>The model's columns: <see cref="Source"/> with each group as one nullable text column.</summary>
    public IReadOnlyList<ColumnDefinition> Coded { get; }

    /// <summary>The groups of <paramref name="train"/> (<see cref="OneHotGroups.Of"/>) and the coding they make.</summary>
    public static OneHotCoding For(Table train, int target)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new OneHotCoding(train.Definitions, OneHotGroups.Of(train, target));
    }

    /// <summary>
    /// <paramref name="rows"/> as the model reads them; they hold the <see cref="Source"/> columns by name (others
    /// are left out). A row whose code has no member set, or several, gets a null code: the groups were found on the
    /// train rows, and a holdout row need not follow them.
    /// </summary>
    public Table Collapse(Table rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<Column>(Coded.Count);
        for (var column = 0; column < Source.Count; column++)
        {
            if (groupOf[column] is not { } group)
            {
                columns.Add(rows[Source[column].Name]);
            }
            else if (group.Columns[0] == column)
            {
                columns.Add(CodeColumn(rows, group, Coded[columns.Count]));
            }
        }
        return new Table(columns);
    }

    /// <summary>Rows the model wrote (<see cref="Coded"/> columns) with each code written back as its member columns.</summary>
    public Table Expand(Table coded)
    {
        ArgumentNullException.ThrowIfNull(coded);
        var columns = new List<Column>(Source.Count);
        var codedColumn = -1;
        string?[] codes = [];
        for (var column = 0; column < Source.Count; column++)
        {
            if (groupOf[column] is not { } group)
            {
                columns.Add(coded[++codedColumn]);
                continue;
            }
            if (group.Columns[0] == column)
            {
                var code = coded[++codedColumn];
                codes = [.. Enumerable.Range(0, coded.RowCount).Select(code.Format)];
            }
            var builder = ColumnBuilder.Create(Source[column], coded.RowCount);
            foreach (var code in codes)
            {
                // A null code (no member set) writes every member unset.
                builder.TryAppendText(code == Source[column].Name ? group.On : group.Off);
            }
            columns.Add(builder.Build());
        }
        return new Table(columns);
    }

    private Column<string> CodeColumn(Table rows, OneHotGroup group, ColumnDefinition definition)
    {
        var members = group.Columns.Select(column => rows[Source[column].Name]).ToArray();
        var values = new string[rows.RowCount];
        var nulls = new bool[rows.RowCount];
        for (var row = 0; row < rows.RowCount; row++)
        {
            var set = members.Where(member => member.Format(row) == group.On).Take(2).ToArray();
            values[row] = set.Length == 1 ? set[0].Name : string.Empty;
            nulls[row] = set.Length != 1;
        }
        return Column.Create<string>(definition, values, nulls);
    }

    /// <summary>The member names joined by '|', primed until no column of the table has that name.</summary>
    private string CodeName(OneHotGroup group, HashSet<string> names)
    {
        var name = string.Join("|", group.Columns.Select(column => Source[column].Name));
        while (!names.Add(name))
        {
            name += "'";
        }
        return name;
    }
}
