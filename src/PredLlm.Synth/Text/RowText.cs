using System.Text;

namespace PredLlm.Synth.Text;

/// <summary>
/// The Pred-LLM text form of a row, <c>name is value, name is value, ...</c>, and its parser.
/// <para>
/// Escaping (the same for names and values): an atom is written bare when it is non-empty, is not the
/// null marker <c>null</c>, has no leading or trailing space, contains no <c>" is "</c> and does not end
/// with <c>" is"</c>, and contains no <c>"</c>, <c>,</c>, <c>\</c>, control character, whitespace other
/// than a space, or unpaired surrogate. Otherwise it is written in double quotes, with <c>\"</c>,
/// <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, and <c>\uXXXX</c> for other control characters, U+2028,
/// U+2029 and unpaired surrogates; everything else (commas, " is ", non-ASCII text) stays literal. A null
/// value is the bare word <c>null</c>; the string "null" is written <c>"null"</c> and the empty string
/// <c>""</c>. So every name and value round-trips exactly, and a row text is always a single line.
/// </para>
/// <para>
/// The parser is strict about bare atoms (a bare atom that breaks a rule above is an error, so the text
/// cannot be read two ways) and lenient about quoting (an atom quoted without need is accepted).
/// </para>
/// </summary>
public static class RowText
{
    public static string Format(IEnumerable<RowField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field.Name, nameof(fields));
            if (!names.Add(field.Name))
            {
                throw new ArgumentException("A column appears twice in the row.", nameof(fields));
            }
            if (names.Count > 1)
            {
                text.Append(TextAtom.FieldSeparator);
            }
            TextAtom.Write(text, field.Name);
            text.Append(TextAtom.NameValueSeparator);
            if (field.Value is null)
            {
                text.Append(TextAtom.NullMarker);
            }
            else
            {
                TextAtom.Write(text, field.Value);
            }
        }
        if (names.Count == 0)
        {
            throw new ArgumentException("A row has at least one field.", nameof(fields));
        }
        return text.ToString();
    }

    /// <summary>The row's values (in table order) as text, fields in <paramref name="order"/>.</summary>
    public static string Format(IReadOnlyList<string> names, IReadOnlyList<string?> values, FieldOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Format(order.Select(names, values));
    }

    /// <summary>Reads a row text back into its fields, in the order they are written.</summary>
    /// <exception cref="MalformedRowException">The text does not follow the grammar.</exception>
    public static IReadOnlyList<RowField> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw TextAtom.Malformed(1, 0, "the text is empty");
        }
        var fields = new List<RowField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        while (true)
        {
            var field = fields.Count + 1;
            var fieldStart = position;
            var name = ReadName(text, ref position, field);
            if (!names.Add(name))
            {
                throw TextAtom.Malformed(field, fieldStart, "a column appears twice");
            }
            var value = ReadValue(text, ref position, field);
            fields.Add(new RowField(name, value));
            if (position == text.Length)
            {
                return fields;
            }
            if (!text.AsSpan(position).StartsWith(TextAtom.FieldSeparator, StringComparison.Ordinal))
            {
                throw TextAtom.Malformed(field, position, "expected ', ' between fields or the end of the text");
            }
            position += TextAtom.FieldSeparator.Length;
            if (position == text.Length)
            {
                throw TextAtom.Malformed(field + 1, position, "the text ends after ', '");
            }
        }
    }

    private static string ReadName(string text, ref int position, int field)
    {
        string name;
        if (text[position] == '"')
        {
            name = TextAtom.ReadQuoted(text, ref position, field);
        }
        else
        {
            var end = text.IndexOf(TextAtom.NameValueSeparator, position, StringComparison.Ordinal);
            if (end < 0)
            {
                throw TextAtom.Malformed(field, position, "expected ' is ' after the column name");
            }
            name = text[position..end];
            if (name == TextAtom.NullMarker)
            {
                throw TextAtom.Malformed(field, position, "a column name cannot be null");
            }
            if (TextAtom.WhyNotBare(name) is { } why)
            {
                throw TextAtom.Malformed(field, position, $"a column name must be quoted when {why}");
            }
            position = end;
        }
        if (!text.AsSpan(position).StartsWith(TextAtom.NameValueSeparator, StringComparison.Ordinal))
        {
            throw TextAtom.Malformed(field, position, "expected ' is ' after the column name");
        }
        position += TextAtom.NameValueSeparator.Length;
        return name;
    }

    private static string? ReadValue(string text, ref int position, int field)
    {
        if (position < text.Length && text[position] == '"')
        {
            return TextAtom.ReadQuoted(text, ref position, field);
        }
        var end = text.IndexOf(',', position);
        if (end < 0)
        {
            end = text.Length;
        }
        var value = text[position..end];
        if (value == TextAtom.NullMarker)
        {
            position = end;
            return null;
        }
        if (TextAtom.WhyNotBare(value) is { } why)
        {
            throw TextAtom.Malformed(field, position, $"a value must be quoted when {why}");
        }
        position = end;
        return value;
    }
}
