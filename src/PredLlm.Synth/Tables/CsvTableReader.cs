using System.Text;

namespace PredLlm.Synth.Tables;

/// <summary>
/// Reads a CSV table with a header row (UTF-8, a byte-order mark ignored, RFC 4180 quoting, invariant
/// culture; see <see cref="CsvRecords"/> for nulls) and infers each column's family from its text:
/// <list type="number">
/// <item>Integer when every non-null cell is a whole number that fits 64 bits;</item>
/// <item>else Real when every one is a number (NaN and infinities included);</item>
/// <item>else Boolean when every one is true or false (any letter case);</item>
/// <item>else Date when every one is an ISO 8601 date (yyyy-MM-dd);</item>
/// <item>else Timestamp when every one is an ISO 8601 date and time;</item>
/// <item>else Text (also a column with no value at all).</item>
/// </list>
/// A number written with a padding zero ("007") is an identifier or a code, not a number: its column
/// is text, so that the zeros survive. A column is nullable when it has an empty cell.
/// </summary>
public static class CsvTableReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Table Read(Stream stream, TableLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (stream.CanSeek)
        {
            limits.CheckBytes(stream.Length - stream.Position);
        }

        try
        {
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            return Read(new CsvRecords(reader), limits);
        }
        catch (DecoderFallbackException e)
        {
            throw new BadInputException("The CSV file is not UTF-8 text.", e);
        }
    }

    private static Table Read(CsvRecords records, TableLimits limits)
    {
        var header = records.Next() ?? throw new BadInputException("The table has no columns: the CSV file is empty.");
        var names = HeaderNames(header, limits);
        var cells = names.Select(_ => new List<string?>()).ToArray();
        while (records.Next() is { } record)
        {
            if (record.Count != names.Length)
            {
                throw new BadInputException($"CSV line {records.RecordLine} has {record.Count} fields; the header has {names.Length}.");
            }

            limits.CheckRows(cells[0].Count + 1L);
            limits.CheckCells(cells[0].Count + 1L, names.Length);
            for (var i = 0; i < record.Count; i++)
            {
                cells[i].Add(record[i]);
            }
        }

        if (cells[0].Count == 0)
        {
            throw new BadInputException("The table has no rows.");
        }

        return new Table(names.Select((name, i) => BuildColumn(name, cells[i])));
    }

    private static string[] HeaderNames(List<string?> header, TableLimits limits)
    {
        limits.CheckColumns(header.Count);
        var names = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            // A byte-order mark that a double encoding left behind is not part of the name.
            var name = header[i]?.TrimStart('\uFEFF');
            if (string.IsNullOrEmpty(name))
            {
                throw new BadInputException($"Column {i + 1} of the CSV header has no name.");
            }

            if (!seen.Add(name))
            {
                throw new BadInputException($"Column name '{name}' appears more than once.");
            }

            names[i] = name;
        }

        return names;
    }

    private static Column BuildColumn(string name, List<string?> cells)
    {
        var nullable = cells.Contains(null);
        var definition = new ColumnDefinition(name, InferStorage(cells), nullable);
        var builder = ColumnBuilder.Create(definition, cells.Count);
        foreach (var cell in cells)
        {
            if (cell is null)
            {
                builder.AppendNull();
            }
            else if (builder is ColumnBuilder<string> text)
            {
                text.Append(cell); // already the value: no need to parse a copy
            }
            else if (!builder.TryAppendText(cell))
            {
                throw new InvalidOperationException($"Column '{name}' was inferred as {definition.Storage} but a cell does not parse as one.");
            }
        }

        return builder.Build();
    }

    private static ColumnStorage InferStorage(List<string?> cells)
    {
        var values = cells.OfType<string>().ToList();
        if (values.Count == 0)
        {
            return ColumnStorage.String;
        }

        if (values.TrueForAll(cell => ValueText.TryParseInteger(cell, out _) && !HasPaddingZero(cell)))
        {
            return ColumnStorage.Int64;
        }

        if (values.TrueForAll(cell => ValueText.TryParseReal(cell, out _) && !HasPaddingZero(cell)))
        {
            return ColumnStorage.Double;
        }

        if (values.TrueForAll(cell => ValueText.TryParseBoolean(cell, out _)))
        {
            return ColumnStorage.Boolean;
        }

        if (values.TrueForAll(cell => ValueText.TryParseDate(cell, out _)))
        {
            return ColumnStorage.Date;
        }

        if (values.TrueForAll(cell => ValueText.TryParseTimestamp(cell, out _)))
        {
            // Microseconds, as most tools write them, unless a value is finer.
            var inMicros = values.TrueForAll(cell => ValueText.TryParseTimestamp(cell, out var timestamp) && timestamp.Ticks % TimeSpan.TicksPerMicrosecond == 0);
            return ColumnStorage.Timestamp(inMicros ? TimestampUnit.Micros : TimestampUnit.Nanos, isAdjustedToUtc: false);
        }

        return ColumnStorage.String;
    }

    /// <summary>"007", "-01.5": a zero before another digit at the start of the integer part.</summary>
    private static bool HasPaddingZero(ReadOnlySpan<char> cell)
    {
        var digits = cell.Trim().TrimStart("+-");
        return digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1]);
    }
}
