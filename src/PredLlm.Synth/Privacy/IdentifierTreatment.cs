using PredLlm.Synth.Policies;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy;

/// <summary>
/// Identifier-like columns (ids, emails, phone numbers: nearly every value unique) handled as the policy
/// says, so that their real values never reach the model: the model learns from <see cref="ModelTable"/>,
/// which lacks them; <see cref="Restore"/> puts fresh surrogate values in their place in a synthetic
/// table (or leaves them out when they are dropped). A policy that refuses such tables refuses here.
/// </summary>
public sealed class IdentifierTreatment
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int TokenLength = 12;

    private readonly IReadOnlyList<ColumnDefinition> _schema;
    private readonly Dictionary<string, HashSet<string>> _realValues;
    private readonly Dictionary<string, double> _nullShares;

    private IdentifierTreatment(Table table, IReadOnlyList<string> columns, IdentifierHandling handling)
    {
        var identifiers = new HashSet<string>(columns, StringComparer.Ordinal);
        _schema = table.Definitions;
        Columns = columns;
        Handling = handling;
        ModelTable = columns.Count == 0 ? table : table.SelectColumns(table.Columns.Select(column => column.Name).Where(name => !identifiers.Contains(name)));
        _realValues = columns.ToDictionary(name => name, name => RealValues(table[name]), StringComparer.Ordinal);
        _nullShares = columns.ToDictionary(name => name, name => table[name].NullCount / (double)Math.Max(1, table.RowCount), StringComparer.Ordinal);
    }

    /// <summary>The identifier-like columns, in table order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public IdentifierHandling Handling { get; }

    /// <summary>The table the model may learn from: every column but the identifier-like ones.</summary>
    public Table ModelTable { get; }

    /// <summary>
    /// Applies the policy's handling to the identifier-like columns of <paramref name="table"/> (the whole
    /// real table, so surrogates avoid every real value). Throws <see cref="BadInputException"/> when the
    /// policy refuses such tables, or when a column cannot get surrogates (only integer and text columns can).
    /// </summary>
    public static IdentifierTreatment Prepare(Table table, IReadOnlyList<string> identifierColumns, IdentifierHandling handling)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(identifierColumns);
        var columns = table.Columns.Select(column => column.Name).Where(identifierColumns.Contains).ToArray();
        var unknown = identifierColumns.Where(name => !table.TryGetColumn(name, out _)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Identifier columns not in the table: {string.Join(", ", unknown)}.", nameof(identifierColumns));
        }

        if (columns.Length > 0 && handling == IdentifierHandling.Refuse)
        {
            throw new BadInputException(
                $"The table has identifier-like columns ({Quote(columns)}) and the policy refuses such tables: remove them, or use a policy that drops or replaces them.");
        }

        if (handling == IdentifierHandling.Surrogate)
        {
            var unsupported = columns.Where(name => table[name].Family is not (ValueFamily.Integer or ValueFamily.Text)).ToArray();
            if (unsupported.Length > 0)
            {
                throw new BadInputException(
                    $"Identifier-like columns {Quote(unsupported)} are neither integer nor text, so no surrogate values can be made for them: use a policy that drops them.");
            }
        }

        return new IdentifierTreatment(table, columns, handling);
    }

    /// <summary>
    /// The synthetic table in the real table's schema: with surrogates, each identifier column comes back
    /// at its place holding fresh values, distinct and never equal to a real value (nulls at the real
    /// column's rate); when dropped, the identifier columns stay out.
    /// </summary>
    public Table Restore(Table synthetic, int seed)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        if (Handling != IdentifierHandling.Surrogate || Columns.Count == 0)
        {
            return synthetic;
        }

        var random = new Random(seed);
        var columns = _schema.Select(definition => Columns.Contains(definition.Name)
            ? Surrogates(definition, synthetic.RowCount, random)
            : synthetic[definition.Name]);
        return new Table(columns);
    }

    private Column Surrogates(ColumnDefinition definition, int rows, Random random)
    {
        var real = _realValues[definition.Name];
        var used = new HashSet<string>(StringComparer.Ordinal);
        var builder = ColumnBuilder.Create(definition, rows);
        var nullShare = definition.IsNullable ? _nullShares[definition.Name] : 0;
        if (definition.Family == ValueFamily.Integer && MaxSurrogate(definition.Storage) < 4L * (rows + real.Count))
        {
            throw new BadInputException(
                $"Identifier-like column '{definition.Name}' is stored in too small an integer type for fresh surrogate values: use a policy that drops it.");
        }

        for (var row = 0; row < rows; row++)
        {
            if (random.NextDouble() < nullShare)
            {
                builder.AppendNull();
                continue;
            }

            string value;
            do
            {
                value = definition.Family == ValueFamily.Integer ? FreshInteger(definition.Storage, random) : FreshToken(random);
            }
            while (real.Contains(value) || !used.Add(value));

            if (!builder.TryAppendText(value))
            {
                throw new InvalidOperationException($"A surrogate value does not fit column '{definition.Name}'.");
            }
        }

        return builder.Build();
    }

    // Positive values spread over the storage's range (at most 2^53), so draws rarely collide.
    private static string FreshInteger(ColumnStorage storage, Random random) =>
        ValueText.FormatInteger(random.NextInt64(1, MaxSurrogate(storage) + 1));

    private static long MaxSurrogate(ColumnStorage storage) => Math.Min(storage.IntegerRange.Max, 1L << 53);

    private static string FreshToken(Random random) =>
        string.Create(TokenLength, random, (span, generator) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = TokenAlphabet[generator.Next(TokenAlphabet.Length)];
            }
        });

    private static HashSet<string> RealValues(Column column)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < column.Count; row++)
        {
            if (column.Format(row) is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));
}
