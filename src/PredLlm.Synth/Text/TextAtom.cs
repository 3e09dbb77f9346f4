using System.Globalization;
using System.Text;

namespace PredLlm.Synth.Text;

/// <summary>
/// The escaping of one column name or value in the row text. An atom is written bare when reading it back
/// cannot be ambiguous (so ordinary numbers and words look exactly as in the paper's text form), and in
/// double quotes with backslash escapes otherwise. The bare <see cref="NullMarker"/> is the SQL null; the
/// string "null" itself is therefore quoted. The rules are described in RowText's documentation.
/// </summary>
internal static class TextAtom
{
    public const string NullMarker = "null";
    public const string NameValueSeparator = " is ";
    public const string FieldSeparator = ", ";

    private const char Quote = '"';
    private const char Escape = '\\';

    /// <summary>Why <paramref name="atom"/> cannot be written bare, or null when it can.</summary>
    public static string? WhyNotBare(ReadOnlySpan<char> atom)
    {
        if (atom.IsEmpty)
        {
            return "it is empty";
        }
        if (atom.SequenceEqual(NullMarker))
        {
            return "it reads as the null marker";
        }
        if (atom[0] == ' ' || atom[^1] == ' ')
        {
            return "it starts or ends with a space";
        }
        // A bare name is read up to the first " is ", so neither " is " inside nor " is" at its end may occur.
        if (atom.Contains(NameValueSeparator, StringComparison.Ordinal) || atom.EndsWith(" is", StringComparison.Ordinal))
        {
            return "it contains the word 'is' between spaces";
        }
        for (var i = 0; i < atom.Length; i++)
        {
            var c = atom[i];
            if (c is Quote or ',' or Escape)
            {
                return "it contains a quote, comma or backslash";
            }
            if (char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' '))
            {
                return "it contains a control character or whitespace other than a space";
            }
            if (char.IsHighSurrogate(c) && i + 1 < atom.Length && char.IsLowSurrogate(atom[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "it contains an unpaired surrogate";
            }
        }
        return null;
    }

    public static void Write(StringBuilder text, string atom)
    {
        if (WhyNotBare(atom) is null)
        {
            text.Append(atom);
            return;
        }
        text.Append(Quote);
        for (var i = 0; i < atom.Length; i++)
        {
            var c = atom[i];
            switch (c)
            {
                case Quote: text.Append(Escape).Append(Quote); break;
                case Escape: text.Append(Escape).Append(Escape); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                default:
                    if (NeedsUnicodeEscape(atom, i))
                    {
                        text.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append(Quote);
    }

    /// <summary>
    /// Reads a quoted atom starting at the opening quote at <paramref name="position"/>; on return
    /// <paramref name="position"/> is just past the closing quote.
    /// </summary>
    public static string ReadQuoted(string text, ref int position, int field)
    {
        var atom = new StringBuilder();
        var i = position + 1;
        while (true)
        {
            if (i >= text.Length)
            {
                throw Malformed(field, position, "a quoted name or value is not closed");
            }
            var c = text[i];
            if (c == Quote)
            {
                position = i + 1;
                return atom.ToString();
            }
            if (c != Escape)
            {
                atom.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.Length)
            {
                throw Malformed(field, i, "a backslash ends the text");
            }
            var escaped = text[i + 1];
            switch (escaped)
            {
                case Quote: atom.Append(Quote); i += 2; break;
                case Escape: atom.Append(Escape); i += 2; break;
                case 'n': atom.Append('\n'); i += 2; break;
                case 'r': atom.Append('\r'); i += 2; break;
                case 't': atom.Append('\t'); i += 2; break;
                case 'u':
                    if (i + 6 > text.Length || !ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Malformed(field, i, @"\u must be followed by four hexadecimal digits");
                    }
                    atom.Append((char)code);
                    i += 6;
                    break;
                default:
                    throw Malformed(field, i, @"unknown escape; only \"", \\, \n, \r, \t and \uXXXX are defined");
            }
        }
    }

    public static MalformedRowException Malformed(int field, int position, string problem) =>
        new($"Row text is malformed at character {position} (field {field}): {problem}.", position);

    // Escaped so that a row text is always one line of well-formed Unicode: other control characters,
    // the Unicode line and paragraph separators, and surrogates that are not part of a pair.
    private static bool NeedsUnicodeEscape(string atom, int i)
    {
        var c = atom[i];
        if (char.IsControl(c) || c is '\u2028' or '\u2029')
        {
            return true;
        }
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= atom.Length || !char.IsLowSurrogate(atom[i + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(atom[i - 1]);
        }
        return false;
    }
}
