using PredLlm.Synth.Text;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>Which column names the decoder allows when the next field begins.</summary>
public sealed class DecodingOrder
{
    private readonly FieldOrder? fixedOrder;
    private readonly int? omittedColumn;

    private DecodingOrder(FieldOrder? fixedOrder, int? omittedColumn)
    {
        this.fixedOrder = fixedOrder;
        this.omittedColumn = omittedColumn;
    }

    /// <summary>Any column not yet written.</summary>
    public static DecodingOrder Free { get; } = new(null, null);

    /// <summary>
    /// Any feature not yet written, in the order the model picks; END follows the last feature, where the
    /// target's name would come. This is Pred-LLM's feature-conditional sampling: the label is then asked for with
    /// the features in the table's order, so a label written here would be thrown away, and its name and value
    /// would cost a model step each.
    /// </summary>
    public static DecodingOrder FeaturesOnly(int targetColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetColumn);
        return new DecodingOrder(null, targetColumn);
    }

    /// <summary>
    /// Exactly this order (label querying: the features in the table's order, then the target).
    /// </summary>
    public static DecodingOrder Fixed(FieldOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new DecodingOrder(order, null);
    }

    internal void Validate(int columnCount)
    {
        if (fixedOrder is not null && fixedOrder.Columns.Count != columnCount)
        {
            throw new ArgumentException($"The decoding order names {fixedOrder.Columns.Count} columns; the grammar has {columnCount}.");
        }
        if (omittedColumn >= columnCount)
        {
            throw new ArgumentException($"The target column {omittedColumn} is not one of the grammar's {columnCount} columns.");
        }
    }

    /// <summary>May <paramref name="column"/> be written next, given the columns written so far?</summary>
    internal bool Allows(int column, bool[] written, int writtenCount)
    {
        if (written[column])
        {
            return false;
        }
        if (fixedOrder is not null)
        {
            return fixedOrder.Columns[writtenCount] == column;
        }
        return column != omittedColumn;
    }

    /// <summary>Does a row end (with END) once <paramref name="writtenCount"/> of its <paramref name="columnCount"/> columns are written, before the last?</summary>
    internal bool EndsEarly(int writtenCount, int columnCount) => omittedColumn is not null && writtenCount == columnCount - 1;
}
