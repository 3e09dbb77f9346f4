using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace PredLlm.Synth.Tokens;

/// <summary>
/// A table's compact token vocabulary. Compact ids, in this fixed layout:
/// <list type="bullet">
/// <item>0..3: the specials <see cref="Pad"/>, <see cref="Begin"/>, <see cref="End"/> and <see cref="Null"/>
/// (an SQL null value);</item>
/// <item>4..19: the <see cref="MagnitudeScale.Levels"/> magnitude levels that start every value of a column
/// with a <see cref="MagnitudeScale"/>;</item>
/// <item>20..20+C-1: one token per column name, in table order (a name costs one token);</item>
/// <item>then the value tokens: the cl100k_base ids that occur in the training values, together with the
/// 256 single-byte tokens, in increasing cl100k_base id order.</item>
/// </list>
/// A value is tokenised on its own with cl100k_base. When one of its tokens is not in the vocabulary
/// (text never seen in training) the whole value is written instead as its UTF-8 bytes, one byte token
/// each, so every well-formed string is encodable and decodes back exactly; only strings with unpaired
/// surrogates (not valid Unicode, so not storable in Parquet either) are refused.
/// </summary>
public sealed class Vocabulary
{
    public const int Pad = 0;
    public const int Begin = 1;
    public const int End = 2;
    public const int Null = 3;

    private const int FirstMagnitudeToken = 4;
    private const int FirstNameToken = FirstMagnitudeToken + MagnitudeScale.Levels;
    private const int FileFormat = 3;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string[] columnNames;
    private readonly MagnitudeScale?[] scales;
    private readonly Dictionary<string, int> columnIndex;
    private readonly int[] baseIds;
    private readonly Dictionary<int, int> tokenOfBaseId;
    private readonly string?[] asciiTexts;
    private readonly ConcurrentDictionary<string, int[]> encodedValues = new(StringComparer.Ordinal);

    private Vocabulary(string[] columnNames, MagnitudeScale?[] scales, int[] baseIds)
    {
        this.columnNames = columnNames;
        this.scales = scales;
        this.baseIds = baseIds;
        columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < columnNames.Length; column++)
        {
            columnIndex.Add(columnNames[column], column);
        }
        tokenOfBaseId = new Dictionary<int, int>(baseIds.Length);
        asciiTexts = new string?[baseIds.Length];
        for (var i = 0; i < baseIds.Length; i++)
        {
            tokenOfBaseId.Add(baseIds[i], FirstValueToken + i);
            asciiTexts[i] = Cl100kBase.TryDecode([baseIds[i]], out var text) && text.Length > 0 && Ascii.IsValid(text) ? text : null;
        }
    }

    /// <summary>The base tokenizer's encoding name.</summary>
    public static string Encoding => Cl100kBase.Name;

    /// <summary>Number of compact ids (the model's vocabulary size).</summary>
    public int Count => FirstValueToken + baseIds.Length;

    public IReadOnlyList<string> ColumnNames => columnNames;

    public int FirstValueToken => FirstNameToken + columnNames.Length;

    /// <summary>
    /// The vocabulary of a table: <paramref name="values"/> are the formatted values of every cell the
    /// model trains on (any column, nulls skipped); <paramref name="scales"/> holds, per column, its
    /// magnitude scale or null (none for any column when left out).
    /// </summary>
    public static Vocabulary Build(IReadOnlyList<string> columnNames, IEnumerable<string?> values, IReadOnlyList<MagnitudeScale?>? scales = null)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(values);
        if (columnNames.Count == 0)
        {
            throw new ArgumentException("A vocabulary needs at least one column.", nameof(columnNames));
        }
        if (columnNames.Distinct(StringComparer.Ordinal).Count() != columnNames.Count || columnNames.Any(name => name is null))
        {
            throw new ArgumentException("Column names must be present and unique.", nameof(columnNames));
        }
        if (scales is not null && scales.Count != columnNames.Count)
        {
            throw new ArgumentException($"There are {columnNames.Count} columns but {scales.Count} scales.", nameof(scales));
        }
        var ids = new HashSet<int>(Cl100kBase.AllByteTokens);
        foreach (var value in values.Where(value => value is not null).Distinct(StringComparer.Ordinal))
        {
            RequireWellFormed(value!);
            ids.UnionWith(Cl100kBase.Encode(value!));
        }
        return new Vocabulary([.. columnNames], scales is null ? new MagnitudeScale?[columnNames.Count] : [.. scales], [.. ids.Order()]);
    }

    public int NameToken(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, columnNames.Length);
        return FirstNameToken + column;
    }

    /// <summary>The magnitude scale of <paramref name="column"/>'s values, or null when they are written without a level.</summary>
    public MagnitudeScale? Scale(int column) => scales[column];

    /// <summary>The token of magnitude level <paramref name="level"/> (0 to <see cref="MagnitudeScale.Levels"/> - 1).</summary>
    public static int MagnitudeToken(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, MagnitudeScale.Levels);
        return FirstMagnitudeToken + level;
    }

    public static bool IsMagnitudeToken(int token) => token is >= FirstMagnitudeToken and < FirstNameToken;

    /// <summary>The column a name token stands for, or -1 when <paramref name="token"/> is not a name token.</summary>
    public int ColumnOfToken(int token) =>
        token >= FirstNameToken && token < FirstValueToken ? token - FirstNameToken : -1;

    public bool TryGetColumn(string name, out int column) => columnIndex.TryGetValue(name, out column);

    public bool IsValueToken(int token) => token >= FirstValueToken && token < Count;

    /// <summary>The text of a value token whose bytes are all ASCII, otherwise null (specials, names,
    /// non-ASCII tokens and tokens that are only part of a UTF-8 character).</summary>
    public string? AsciiText(int token) => IsValueToken(token) ? asciiTexts[token - FirstValueToken] : null;

    /// <summary>The value tokens of <paramref name="value"/> (empty for the empty string). Cached per value.</summary>
    /// <exception cref="ArgumentException">The value has an unpaired surrogate.</exception>
    public ReadOnlySpan<int> EncodeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return encodedValues.GetOrAdd(value, static (text, vocabulary) => vocabulary.Tokenise(text), this);
    }

    /// <summary>The text of a value's tokens, decoded together.</summary>
    /// <exception cref="ArgumentException">A token is not a value token.</exception>
    /// <exception cref="FormatException">The tokens' bytes are not complete, valid UTF-8.</exception>
    public string DecodeValue(ReadOnlySpan<int> tokens)
    {
        if (!TryDecodeValue(tokens, out var text))
        {
            throw new FormatException("The value tokens do not form complete UTF-8 text.");
        }
        return text;
    }

    internal bool TryDecodeValue(ReadOnlySpan<int> tokens, out string text)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!IsValueToken(tokens[i]))
            {
                throw new ArgumentException($"Token {tokens[i]} at {i} is not a value token.", nameof(tokens));
            }
            ids[i] = baseIds[tokens[i] - FirstValueToken];
        }
        return Cl100kBase.TryDecode(ids, out text);
    }

    public string ToJson() =>
        JsonSerializer.Serialize(new VocabularyFile(FileFormat, Encoding, columnNames, [.. scales.Select(scale => scale?.Edges.ToArray())], baseIds), JsonOptions);

    /// <exception cref="InvalidDataException">The JSON is not a vocabulary this version can use.</exception>
    public static Vocabulary FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        VocabularyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<VocabularyFile>(json, JsonOptions);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("The vocabulary file is not valid JSON.", error);
        }
        if (file is null || file.Format != FileFormat || file.Encoding != Encoding || file.Columns is null || file.ValueTokens is null
            || file.Scales is null || file.Scales.Length != file.Columns.Length)
        {
            throw new InvalidDataException($"The vocabulary file is not a format-{FileFormat} {Encoding} vocabulary.");
        }
        if (file.Columns.Length == 0 || file.Columns.Any(name => name is null) || file.Columns.Distinct(StringComparer.Ordinal).Count() != file.Columns.Length)
        {
            throw new InvalidDataException("The vocabulary file's column names must be present and unique.");
        }
        var ids = file.ValueTokens;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!Cl100kBase.IsKnownId(ids[i]) || (i > 0 && ids[i] <= ids[i - 1]))
            {
                throw new InvalidDataException($"The vocabulary file's value tokens must be known {Encoding} ids in increasing order.");
            }
        }
        if (Cl100kBase.AllByteTokens.Any(id => Array.BinarySearch(ids, id) < 0))
        {
            throw new InvalidDataException("The vocabulary file lacks some of the 256 byte tokens.");
        }
        MagnitudeScale?[] scales;
        try
        {
            scales = [.. file.Scales.Select(edges => edges is null ? null : new MagnitudeScale(edges))];
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException("The vocabulary file has an invalid magnitude scale.", error);
        }
        return new Vocabulary(file.Columns, scales, ids);
    }

    private int[] Tokenise(string value)
    {
        RequireWellFormed(value);
        var ids = Cl100kBase.Encode(value);
        var tokens = new int[ids.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokenOfBaseId.TryGetValue(ids[i], out tokens[i]))
            {
                return System.Text.Encoding.UTF8.GetBytes(value).Select(b => tokenOfBaseId[Cl100kBase.ByteToken(b)]).ToArray();
            }
        }
        return tokens;
    }

    private static void RequireWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw new ArgumentException("A value has an unpaired surrogate (it is not valid Unicode text) and cannot be tokenised.", nameof(value));
            }
        }
    }

    private sealed record VocabularyFile(int Format, string Encoding, string[] Columns, double[]?[] Scales, int[] ValueTokens);
}
