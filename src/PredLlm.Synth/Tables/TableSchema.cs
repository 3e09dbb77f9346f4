using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredLlm.Synth.Tables;

/// <summary>
/// The inferred schema of a table: its row count and a <see cref="ColumnProfile"/> per column, in order.
/// It holds real minima and maxima: see <see cref="ColumnProfile"/> before showing it anywhere but the user's terminal.
/// </summary>
public sealed record TableSchema(int RowCount, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>
    /// Distinct values are counted exactly up to this many per column, then reported as "at least" (and
    /// the share of distinct values, which decides identifier-like columns, is estimated from the values
    /// counted so far). As large as the default row limit, so that counts are exact unless limits are raised.
    /// </summary>
    public const int DefaultDistinctCountBound = 1_000_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public int ColumnCount => Columns.Count;

    public ColumnProfile this[string name] => Columns.FirstOrDefault(column => column.Name == name)
        ?? throw new KeyNotFoundException($"The schema has no column named '{name}'.");

    public static TableSchema Infer(Table table, int distinctCountBound = DefaultDistinctCountBound)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(distinctCountBound, 1);
        return new TableSchema(table.RowCount, [.. table.Columns.Select(column => ColumnProfiler.Profile(column, distinctCountBound))]);
    }

    /// <summary>camelCase JSON, enums as camelCase strings, absent values left out.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
