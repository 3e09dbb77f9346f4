using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Privacy.Statistics;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// Singling out, multivariate (Anonymeter): from a random synthetic row, build a predicate on a few of
/// its quasi-identifier values ("age &gt;= 61 and job = clerk and ...": numbers point to the tail they
/// lie in, categories match exactly), adding columns in random order until it picks out exactly that one
/// synthetic row. The attack succeeds on a set of records when the predicate matches exactly one of them.
/// </summary>
internal static class SinglingOutAttack
{
    public const string Name = "singling out";

    // Tries per wanted predicate before giving up: a table whose rows repeat may yield few.
    private const int TriesPerAttack = 5;

    public static AttackRates Run(AttackSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var context = setting.Context;
        var synthetic = PredicateValues.Of(context, context.SyntheticRows, context.Synthetic, setting.QuasiIdentifiers);
        var targets = PredicateValues.Of(context, context.TrainRows, context.Train, setting.QuasiIdentifiers).Take(setting.Targets);
        var control = PredicateValues.Of(context, context.HoldoutRows, context.Holdout, setting.QuasiIdentifiers).Take(setting.Control);
        var minimum = Math.Min(context.Rules.Anonymeter.PredicateColumns, synthetic.ColumnCount);
        var wanted = setting.Targets.Length;
        var buffer = new int[synthetic.RowCount];
        var predicates = new List<Condition[]>();
        for (var attempt = 0; attempt < wanted * TriesPerAttack && predicates.Count < wanted; attempt++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var predicate = SingleOut(synthetic, setting.Random.Next(synthetic.RowCount), minimum, setting.Random, buffer);
            if (predicate is not null)
            {
                predicates.Add(predicate);
            }
        }

        var targetBuffer = new int[targets.RowCount];
        var controlBuffer = new int[control.RowCount];
        return new AttackRates(
            Name,
            new Proportion(predicates.Count(predicate => targets.Matching(predicate, targetBuffer).Length == 1), predicates.Count),
            new Proportion(predicates.Count(predicate => control.Matching(predicate, controlBuffer).Length == 1), predicates.Count));
    }

    // Adds clauses in a random column order until the predicate matches that row alone (it always matches
    // the row itself), checking only once it has the minimum number of clauses. The rows still matching
    // are narrowed clause by clause, starting from the smallest slice among the first clauses.
    private static Condition[]? SingleOut(PredicateValues synthetic, int row, int minimum, Random random, int[] buffer)
    {
        var order = Enumerable.Range(0, synthetic.ColumnCount).ToArray();
        random.Shuffle(order);
        var conditions = order.Select(column => synthetic.ConditionFor(row, column)).ToArray();
        var matching = synthetic.Matching(conditions.AsSpan(0, minimum), buffer);
        for (var used = minimum; ; used++)
        {
            if (matching.Length == 1)
            {
                return conditions[..used];
            }

            if (used == conditions.Length)
            {
                return null;
            }

            matching = synthetic.Narrow(matching, conditions[used]);
        }
    }
}

/// <summary>One clause of a singling-out predicate on a column: equal to a category, at least or at most a number, or null.</summary>
internal readonly record struct Condition(int Column, ConditionKind Kind, double Value);

internal enum ConditionKind
{
    Equal,
    AtLeast,
    AtMost,
    IsNull,
}

/// <summary>
/// The quasi-identifier values a predicate looks at: numbers as numbers (nulls as NaN), categories as
/// their codes in the distance space (shared by every table of the run). Each column is indexed so the
/// rows meeting a clause are one slice: rows by category, rows sorted by number ("at least" is a suffix,
/// "at most" a prefix). A predicate is counted from its most selective clause's slice, so a count costs
/// a scan of a few rows, not of the table.
/// </summary>
internal sealed class PredicateValues
{
    private readonly double[][] _values;
    private readonly bool[] _numeric;
    private readonly double[] _medians;
    private readonly Dictionary<double, int[]>?[] _byCategory;
    private readonly (double[] Values, int[] Rows, int[] NullRows)?[] _byNumber;

    private PredicateValues(double[][] values, bool[] numeric)
    {
        _values = values;
        _numeric = numeric;
        _medians = new double[values.Length];
        _byCategory = new Dictionary<double, int[]>?[values.Length];
        _byNumber = new (double[], int[], int[])?[values.Length];
        for (var c = 0; c < values.Length; c++)
        {
            var column = values[c];
            var rows = Enumerable.Range(0, column.Length);
            if (numeric[c])
            {
                var present = rows.Where(row => !double.IsNaN(column[row])).OrderBy(row => column[row]).ThenBy(row => row).ToArray();
                var sorted = present.Select(row => column[row]).ToArray();
                _byNumber[c] = (sorted, present, [.. rows.Where(row => double.IsNaN(column[row]))]);
                _medians[c] = sorted.Length == 0 ? double.NaN : Quantiles.OfSorted(sorted, 0.5);
            }
            else
            {
                _byCategory[c] = rows.GroupBy(row => column[row]).ToDictionary(group => group.Key, group => group.ToArray());
            }
        }
    }

    public int ColumnCount => _values.Length;

    public int RowCount => _values.Length == 0 ? 0 : _values[0].Length;

    public static PredicateValues Of(GateContext context, Table table, EncodedRows encoded, int[] columns)
    {
        var numeric = columns.Select(context.IsOrdered).ToArray();
        var values = columns.Select((c, i) =>
        {
            if (!numeric[i])
            {
                return encoded.Column(c).ToArray().Select(code => (double)code).ToArray();
            }

            var column = table[context.DistanceColumns[c]];
            var numbers = NumericView.Of(column);
            for (var row = 0; row < numbers.Length; row++)
            {
                numbers[row] = column.IsNull(row) ? double.NaN : numbers[row];
            }

            return numbers;
        }).ToArray();
        return new PredicateValues(values, numeric);
    }

    public PredicateValues Take(int[] rows) =>
        new([.. _values.Select(column => rows.Select(row => column[row]).ToArray())], _numeric);

    /// <summary>The clause that keeps this row: numbers point to the tail they lie in, so the predicate narrows fast.</summary>
    public Condition ConditionFor(int row, int column)
    {
        var value = _values[column][row];
        if (!_numeric[column])
        {
            return new Condition(column, ConditionKind.Equal, value);
        }

        return double.IsNaN(value) ? new Condition(column, ConditionKind.IsNull, value)
            : value >= _medians[column] ? new Condition(column, ConditionKind.AtLeast, value)
            : new Condition(column, ConditionKind.AtMost, value);
    }

    /// <summary>The rows meeting every clause, written to the front of <paramref name="buffer"/>: the most selective clause's slice, narrowed by the others.</summary>
    public Span<int> Matching(ReadOnlySpan<Condition> predicate, int[] buffer)
    {
        var start = 0;
        for (var i = 1; i < predicate.Length; i++)
        {
            start = Rows(predicate[i]).Length < Rows(predicate[start]).Length ? i : start;
        }

        var rows = Rows(predicate[start]);
        rows.CopyTo(buffer);
        var matching = buffer.AsSpan(0, rows.Length);
        for (var i = 0; i < predicate.Length; i++)
        {
            matching = i == start ? matching : Narrow(matching, predicate[i]);
        }

        return matching;
    }

    /// <summary>Keeps the rows that meet the clause, in place, and returns them.</summary>
    public Span<int> Narrow(Span<int> rows, Condition condition)
    {
        var kept = 0;
        foreach (var row in rows)
        {
            if (Holds(condition, row))
            {
                rows[kept++] = row;
            }
        }

        return rows[..kept];
    }

    private ReadOnlySpan<int> Rows(Condition condition)
    {
        if (_byCategory[condition.Column] is { } categories)
        {
            return categories.TryGetValue(condition.Value, out var rows) ? rows : [];
        }

        var (values, sorted, nulls) = _byNumber[condition.Column]!.Value;
        return condition.Kind switch
        {
            ConditionKind.IsNull => nulls,
            ConditionKind.AtLeast => sorted.AsSpan(FirstIndex(values, value => value >= condition.Value)),
            _ => sorted.AsSpan(0, FirstIndex(values, value => value > condition.Value)),
        };
    }

    private bool Holds(Condition condition, int row)
    {
        var value = _values[condition.Column][row];
        return condition.Kind switch
        {
            ConditionKind.Equal => value == condition.Value,
            ConditionKind.AtLeast => value >= condition.Value,
            ConditionKind.AtMost => value <= condition.Value,
            _ => double.IsNaN(value),
        };
    }

    // First position of sorted values where the (monotone) test holds; the length when it never does.
    private static int FirstIndex(double[] sorted, Func<double, bool> holds)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (holds(sorted[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
