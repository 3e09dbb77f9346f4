using PredLlm.Synth.Text;

namespace PredLlm.Synth.Tokens;

/// <summary>
/// A row as the model's compact token ids:
/// <c>BEGIN NAME(c1) v1... NAME(c2) v2... ... END</c>, where a value is its own tokens
/// (<see cref="Vocabulary.EncodeValue"/>) after its magnitude level when its column has a
/// <see cref="MagnitudeScale"/>, the single <see cref="Vocabulary.Null"/> token for a null, and no
/// token at all for the empty string. Token boundaries therefore align with fields, which is what lets the
/// constrained decoder work field by field. Sequences may be followed by <see cref="Vocabulary.Pad"/>.
/// <para>
/// Names, values and specials are disjoint token sets, so the next name (or END) is what ends a value: no
/// "is" after a name and no separator between fields. Those two tokens per field carried nothing the model
/// could not read from the name token, yet cost a training step each: dropping them makes a row of one-token
/// values about 40% shorter, and so training epochs on a fixed budget about 1.6 times as many.
/// </para>
/// </summary>
public sealed class RowTokenizer
{
    public RowTokenizer(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Vocabulary = vocabulary;
    }

    public Vocabulary Vocabulary { get; }

    /// <summary>A complete row: <paramref name="values"/> in table order, written in <paramref name="order"/>.</summary>
    public int[] Encode(IReadOnlyList<string?> values, FieldOrder order)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(order);
        if (values.Count != Vocabulary.ColumnNames.Count || order.Columns.Count != values.Count)
        {
            throw new ArgumentException($"The vocabulary has {Vocabulary.ColumnNames.Count} columns; got {values.Count} values and an order of {order.Columns.Count}.");
        }
        var tokens = new List<int>(2 + (3 * values.Count));
        tokens.Add(Vocabulary.Begin);
        foreach (var column in order.Columns)
        {
            AppendField(tokens, column, values[column]);
        }
        tokens.Add(Vocabulary.End);
        return [.. tokens];
    }

    /// <summary>A row of the given fields (one or more distinct columns) in their order, ended by END.</summary>
    public int[] Encode(IEnumerable<RowField> fields)
    {
        var tokens = EncodeFields(fields);
        if (tokens.Count == 1)
        {
            throw new ArgumentException("A row has at least one field.", nameof(fields));
        }
        tokens.Add(Vocabulary.End);
        return [.. tokens];
    }

    /// <summary>
    /// A prompt: BEGIN, then each field. The last value is not closed by any token (the next name closes it), so
    /// a decoder that must not extend it closes it in its grammar (<c>RowDecodingState.CloseField</c>). With no
    /// fields it is BEGIN alone.
    /// </summary>
    public int[] EncodePrefix(IEnumerable<RowField> fields) => [.. EncodeFields(fields)];

    /// <summary>The fields of a token row, in written order.</summary>
    /// <exception cref="MalformedRowException">The tokens do not follow the row layout.</exception>
    public IReadOnlyList<RowField> Decode(ReadOnlySpan<int> tokens)
    {
        var fields = new List<RowField>();
        var written = new bool[Vocabulary.ColumnNames.Count];
        if (tokens.IsEmpty || tokens[0] != Vocabulary.Begin)
        {
            throw Malformed(0, "a row starts with BEGIN");
        }
        var i = 1;
        while (true)
        {
            var column = i < tokens.Length ? Vocabulary.ColumnOfToken(tokens[i]) : -1;
            if (column < 0)
            {
                throw Malformed(i, "expected a column name token");
            }
            if (written[column])
            {
                throw Malformed(i, "a column appears twice");
            }
            written[column] = true;
            if (++i < tokens.Length && tokens[i] != Vocabulary.Null && Vocabulary.Scale(column) is not null)
            {
                // The level only helps the model; the value is its text.
                if (!Vocabulary.IsMagnitudeToken(tokens[i]))
                {
                    throw Malformed(i, "expected a magnitude level before the number");
                }
                i++;
            }
            var valueStart = i;
            while (i < tokens.Length && (Vocabulary.IsValueToken(tokens[i]) || tokens[i] == Vocabulary.Null))
            {
                i++;
            }
            if (i >= tokens.Length || (tokens[i] != Vocabulary.End && Vocabulary.ColumnOfToken(tokens[i]) < 0))
            {
                throw Malformed(i, "expected a value token, a column name or END");
            }
            fields.Add(new RowField(Vocabulary.ColumnNames[column], DecodeValue(tokens[valueStart..i], valueStart)));
            if (tokens[i] == Vocabulary.End)
            {
                i++;
                break;
            }
        }
        for (; i < tokens.Length; i++)
        {
            if (tokens[i] != Vocabulary.Pad)
            {
                throw Malformed(i, "only PAD may follow END");
            }
        }
        return fields;
    }

    /// <summary>The values of a complete token row in table order (each column written exactly once).</summary>
    /// <exception cref="MalformedRowException">The tokens do not follow the row layout or miss a column.</exception>
    public string?[] DecodeToTableOrder(ReadOnlySpan<int> tokens)
    {
        var fields = Decode(tokens);
        if (fields.Count != Vocabulary.ColumnNames.Count)
        {
            throw Malformed(tokens.Length, $"the row has {fields.Count} of the {Vocabulary.ColumnNames.Count} columns");
        }
        var values = new string?[fields.Count];
        foreach (var field in fields)
        {
            Vocabulary.TryGetColumn(field.Name, out var column);
            values[column] = field.Value;
        }
        return values;
    }

    private List<int> EncodeFields(IEnumerable<RowField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var tokens = new List<int> { Vocabulary.Begin };
        var written = new bool[Vocabulary.ColumnNames.Count];
        foreach (var field in fields)
        {
            if (!Vocabulary.TryGetColumn(field.Name, out var column))
            {
                throw new ArgumentException("A field names a column that is not in the vocabulary.", nameof(fields));
            }
            if (written[column])
            {
                throw new ArgumentException("A column appears twice in the row.", nameof(fields));
            }
            written[column] = true;
            AppendField(tokens, column, field.Value);
        }
        return tokens;
    }

    private void AppendField(List<int> tokens, int column, string? value)
    {
        tokens.Add(Vocabulary.NameToken(column));
        if (value is null)
        {
            tokens.Add(Vocabulary.Null);
        }
        else
        {
            if (Vocabulary.Scale(column) is { } scale)
            {
                tokens.Add(Vocabulary.MagnitudeToken(scale.LevelOf(value)));
            }
            tokens.AddRange(Vocabulary.EncodeValue(value));
        }
    }

    private string? DecodeValue(ReadOnlySpan<int> tokens, int position)
    {
        if (tokens.Length == 1 && tokens[0] == Vocabulary.Null)
        {
            return null;
        }
        if (tokens.Contains(Vocabulary.Null))
        {
            throw Malformed(position, "NULL must be the whole value");
        }
        return Vocabulary.TryDecodeValue(tokens, out var text) ? text : throw Malformed(position, "the value tokens do not form complete UTF-8 text");
    }

    private static MalformedRowException Malformed(int position, string problem) =>
        new($"Row tokens are malformed at token {position}: {problem}.", position);
}
