using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Training;

/// <summary>
/// Finds the <see cref="OneHotGroup"/>s of a train table: runs of at least two adjacent feature columns, each
/// without nulls and holding both texts of one binary pair ("0"/"1" or "false"/"true"), of which exactly one is
/// set in every row. Each run is the longest that starts where it does.
/// </summary>
/// <remarks>
/// Adjacent columns only: dummy coding writes a variable's columns side by side, and a search over every subset of
/// binary columns would find chance groups in a small table (two complementary flags of unrelated meaning).
/// </remarks>
public static class OneHotGroups
{
    private static readonly (string Off, string On)[] BinaryTexts = [("0", "1"), ("false", "true")];

    public static IReadOnlyList<OneHotGroup> Of(Table train, int target)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.RowCount == 0)
        {
            return [];
        }
        var pairs = Enumerable.Range(0, train.ColumnCount).Select(column => column == target ? null : BinaryPair(train[column])).ToArray();
        var groups = new List<OneHotGroup>();
        var start = 0;
        while (start < train.ColumnCount)
        {
            var end = LongestRunEnd(train, pairs, start);
            if (end > start + 1)
            {
                groups.Add(new OneHotGroup([.. Enumerable.Range(start, end - start)], pairs[start]!.Value.On, pairs[start]!.Value.Off));
                start = end;
            }
            else
            {
                start++;
            }
        }
        return groups;
    }

    /// <summary>The end (exclusive) of the longest one-hot run from <paramref name="start"/>, or <paramref name="start"/> when there is none.</summary>
    private static int LongestRunEnd(Table train, (string Off, string On)?[] pairs, int start)
    {
        var setCounts = new int[train.RowCount];
        var longest = start;
        for (var column = start; column < train.ColumnCount && pairs[column] == pairs[start] && pairs[column] is not null; column++)
        {
            var on = pairs[column]!.Value.On;
            for (var row = 0; row < train.RowCount; row++)
            {
                setCounts[row] += train[column].Format(row) == on ? 1 : 0;
            }
            if (setCounts.Any(count => count > 1))
            {
                break;
            }
            if (column > start && setCounts.All(count => count == 1))
            {
                longest = column + 1;
            }
        }
        return longest;
    }

    private static (string Off, string On)? BinaryPair(Column column)
    {
        if (column.NullCount > 0)
        {
            return null;
        }
        // Stops at a third text: most columns are not binary, and a wide text column need not be collected whole.
        var texts = new SortedSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < column.Count && texts.Count <= 2; row++)
        {
            texts.Add(column.Format(row)!);
        }
        return texts.Count == 2 && BinaryTexts.Contains((texts.Min!, texts.Max!)) ? (texts.Min!, texts.Max!) : null;
    }
}
