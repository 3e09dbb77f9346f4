using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// Turns table rows into the float feature vectors the gradient-boosted trees read, with a layout
/// fitted on one table and applied to any table with the same columns. Numeric and datetime columns
/// give their value (0 when missing) and a missing flag; text and boolean columns give a one-hot
/// block over their <see cref="MaxCategories"/> most frequent categories in the fitted table (rarer
/// and unseen ones light no slot) plus a missing slot.
/// </summary>
internal sealed class FeatureEncoder
{
    /// <summary>One-hot width cap per text or boolean column: keeps identifier-like columns from exploding the feature space.</summary>
    public const int MaxCategories = 32;

    private readonly EncodedColumn[] _columns;

    private FeatureEncoder(EncodedColumn[] columns)
    {
        _columns = columns;
        Width = columns.Sum(column => column.Width);
    }

    /// <summary>Number of floats per row.</summary>
    public int Width { get; }

    public static FeatureEncoder Fit(Table table, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var encoded = new List<EncodedColumn>();
        var offset = 0;
        foreach (var name in columns)
        {
            var column = table[name];
            var categories = NumericView.IsOrdered(column.Family) ? null : TopCategories(column);
            encoded.Add(new EncodedColumn(name, offset, categories));
            offset += encoded[^1].Width;
        }

        return new FeatureEncoder([.. encoded]);
    }

    /// <summary>One feature vector per row of <paramref name="table"/>, which must have the fitted columns.</summary>
    public float[][] Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new float[table.RowCount][];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row] = new float[Width];
        }

        foreach (var encoded in _columns)
        {
            encoded.Write(table[encoded.Name], rows);
        }

        return rows;
    }

    private static Dictionary<string, int> TopCategories(Column column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < column.Count; row++)
        {
            var text = column.Format(row);
            if (text is not null)
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
        }

        return counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(MaxCategories)
            .Select((pair, slot) => (pair.Key, slot))
            .ToDictionary(pair => pair.Key, pair => pair.slot, StringComparer.Ordinal);
    }

    private sealed class EncodedColumn(string name, int offset, Dictionary<string, int>? categories)
    {
        public string Name => name;

        /// <summary>Value + missing flag, or one slot per kept category + missing slot.</summary>
        public int Width => (categories?.Count ?? 1) + 1;

        public void Write(Column column, float[][] rows)
        {
            if (categories is not null)
            {
                var missingSlot = offset + categories.Count;
                for (var row = 0; row < rows.Length; row++)
                {
                    var text = column.Format(row);
                    if (text is null)
                    {
                        rows[row][missingSlot] = 1;
                    }
                    else if (categories.TryGetValue(text, out var slot))
                    {
                        rows[row][offset + slot] = 1;
                    }
                }

                return;
            }

            var numbers = FiniteValues.Of(column);
            for (var row = 0; row < rows.Length; row++)
            {
                if (double.IsNaN(numbers[row]))
                {
                    rows[row][offset + 1] = 1;
                }
                else
                {
                    rows[row][offset] = (float)numbers[row];
                }
            }
        }
    }
}
