using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PredLlm.Synth.Policies;

/// <summary>
/// Reads one JSON object of a policy strictly: every value is checked for type and range, and once the
/// caller has read what it knows, <see cref="EnsureNoUnknownKeys"/> refuses anything left (a typo in a key
/// must never silently leave a default in force). Messages name the policy and the full key.
/// </summary>
internal sealed class PolicySection
{
    private readonly JsonObject _json;
    private readonly string _source;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public PolicySection(JsonObject json, string source, string path)
    {
        _json = json;
        _source = source;
        _path = path;
    }

    public PolicySection Section(string key) =>
        Value(key) is JsonObject section
            ? new PolicySection(section, _source, KeyOf(key))
            : throw Refuse(key, "must be an object");

    /// <summary>The keys of this object, for sections whose keys are names (quality floors).</summary>
    public IEnumerable<string> Keys => _json.Select(pair => pair.Key);

    public double Number(string key, double min, double max)
    {
        var number = Value(key) is JsonValue value && value.TryGetValue<double>(out var parsed) ? parsed : double.NaN;
        if (!(number >= min && number <= max))
        {
            throw Refuse(key, $"must be a number from {Format(min)} to {Format(max)}");
        }

        return number;
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or null when the value is JSON null.</summary>
    public double? OptionalNumber(string key, double min, double max) => Value(key) is null ? null : Number(key, min, max);

    public int Integer(string key, int min, int max) => (int)LongInteger(key, min, max);

    public long LongInteger(string key, long min, long max)
    {
        var node = Value(key);
        var isInteger = node is JsonValue value && value.TryGetValue<double>(out var number) && number == Math.Floor(number);
        var integer = isInteger ? node!.GetValue<double>() : double.NaN;
        if (!(integer >= min && integer <= max))
        {
            throw Refuse(key, $"must be a whole number from {Format(min)} to {Format(max)}");
        }

        return (long)integer;
    }

    public string Text(string key) =>
        OptionalText(key) ?? throw Refuse(key, "must be a string");

    /// <summary>A string, or null when the value is JSON null.</summary>
    public string? OptionalText(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Refuse(key, "must be a string or null");
    }

    public IReadOnlyList<string> Texts(string key)
    {
        if (Value(key) is not JsonArray array)
        {
            throw Refuse(key, "must be a list of strings");
        }

        return [.. array.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Refuse(key, "must be a list of strings"))];
    }

    /// <summary>One of the enum's names in camelCase ("notApplicable").</summary>
    public T Choice<T>(string key)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(CamelCase).ToArray();
        var text = Value(key) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        var index = text is null ? -1 : Array.IndexOf(names, text);
        return index >= 0
            ? Enum.GetValues<T>()[index]
            : throw Refuse(key, "must be one of " + string.Join(", ", names.Select(name => $"\"{name}\"")));
    }

    public void EnsureNoUnknownKeys()
    {
        var unknown = _json.Select(pair => pair.Key).FirstOrDefault(key => !_read.Contains(key));
        if (unknown is not null)
        {
            throw new BadInputException($"Policy '{_source}': unknown key '{KeyOf(unknown)}'.");
        }
    }

    private JsonNode? Value(string key)
    {
        if (!_json.TryGetPropertyValue(key, out var node))
        {
            throw new BadInputException($"Policy '{_source}': key '{KeyOf(key)}' is missing.");
        }

        _read.Add(key);
        return node;
    }

    private string KeyOf(string key) => _path.Length == 0 ? key : _path + "." + key;

    private BadInputException Refuse(string key, string rule) =>
        new($"Policy '{_source}': key '{KeyOf(key)}' {rule}.");

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
