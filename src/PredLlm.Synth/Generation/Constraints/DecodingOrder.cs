using PredLlm.Synth.Text;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>Which column names the decoder allows when the next field begins.</summary>
public sealed class DecodingOrder
{
    private readonly FieldOrder? fixedOrder;
    private readonly int? lastColumn;

    private DecodingOrder(FieldOrder? fixedOrder, int? lastColumn)
    {
        this.fixedOrder = fixedOrder;
        this.lastColumn = lastColumn;
    }

    /// <summary>Any column not yet written.</summary>
    public static DecodingOrder Free { get; } = new(null, null);

    /// <summary>
    /// Any feature not yet written; the target only once every feature is written (Pred-LLM's
    /// feature-conditional sampling: the model picks the feature order, the label comes last).
    /// </summary>
    public static DecodingOrder FreeTargetLast(int targetColumn)
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
        if (lastColumn >= columnCount)
        {
            throw new ArgumentException($"The target column {lastColumn} is not one of the grammar's {columnCount} columns.");
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
        return column != lastColumn || writtenCount == written.Length - 1;
    }
}
