using System.Text;

namespace PredLlm.Synth.Tables;

/// <summary>
/// Splits RFC 4180 text into records of fields: comma separated, CRLF or LF line ends, fields in double
/// quotes may hold commas, line breaks and doubled quotes. An unquoted empty field is null (missing);
/// a quoted empty field ("") is an empty string. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The line the last record returned starts on (1-based), for messages.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The next record, or null at the end of the text.</summary>
    public List<string?>? Next()
    {
        SkipBlankLines();
        if (reader.Peek() < 0)
        {
            return null;
        }

        RecordLine = _line;
        var fields = new List<string?>();
        while (true)
        {
            var (field, end) = ReadField();
            fields.Add(field);
            if (end != ',')
            {
                return fields;
            }
        }
    }

    private void SkipBlankLines()
    {
        while (reader.Peek() is '\n' or '\r')
        {
            ReadLineEnd();
        }
    }

    /// <summary>One field and what ended it: ',' or '\n' (a line end or the end of the text).</summary>
    private (string? Field, char End) ReadField()
    {
        _field.Clear();
        if (reader.Peek() == '"')
        {
            reader.Read();
            return (ReadQuoted(), ReadSeparator());
        }

        while (true)
        {
            var next = reader.Peek();
            if (next is < 0 or '\n' or '\r')
            {
                ReadLineEnd();
                return (FieldOrNull(), '\n');
            }

            reader.Read();
            if (next == ',')
            {
                return (FieldOrNull(), ',');
            }

            if (next == '"')
            {
                throw new BadInputException($"CSV line {_line}: a quote inside an unquoted field; quote the whole field and double the quote.");
            }

            _field.Append((char)next);
        }
    }

    private string ReadQuoted()
    {
        var opened = _line;
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                throw new BadInputException($"CSV line {opened}: a quoted field is never closed.");
            }

            if (next == '"')
            {
                if (reader.Peek() != '"')
                {
                    return _field.ToString();
                }

                reader.Read();
            }
            else if (next == '\n')
            {
                _line++;
            }

            _field.Append((char)next);
        }
    }

    private char ReadSeparator()
    {
        var next = reader.Peek();
        if (next == ',')
        {
            reader.Read();
            return ',';
        }

        if (next is < 0 or '\n' or '\r')
        {
            ReadLineEnd();
            return '\n';
        }

        throw new BadInputException($"CSV line {_line}: text after a closing quote; a quoted field must end at a comma or a line end.");
    }

    private void ReadLineEnd()
    {
        var next = reader.Read();
        if (next == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }

        if (next >= 0)
        {
            _line++;
        }
    }

    private string? FieldOrNull() => _field.Length == 0 ? null : _field.ToString();
}
