using System.Text.Json;
using System.Text.Json.Nodes;
using PredLlm.Synth.Privacy;

namespace PredLlm.Synth.Policies;

/// <summary>
/// Loads release policies. A policy file states only what it changes: it is laid over the built-in
/// <c>default.json</c> (shipped inside the assembly), so every key it leaves out keeps its default. The
/// result is checked strictly: an unknown key, a value of the wrong type or out of range is refused with
/// a <see cref="BadInputException"/> naming the key.
/// </summary>
public static class PolicyLoader
{
    public const int SchemaVersion = 1;

    /// <summary>The policies shipped with the product, by name.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["default", "strict"];

    private static readonly Lazy<JsonObject> DefaultJson = new(() => ParseObject(ReadBuiltIn("default"), "default"));

    public static Policy Default { get; } = Parse(ReadBuiltIn("default"), "default");

    /// <summary>A policy file, or a built-in policy by name ("default", "strict").</summary>
    public static Policy Load(string fileOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrName);
        if (File.Exists(fileOrName))
        {
            return Parse(File.ReadAllText(fileOrName), Path.GetFileName(fileOrName));
        }

        if (BuiltInNames.Contains(fileOrName, StringComparer.Ordinal))
        {
            return Parse(ReadBuiltIn(fileOrName), fileOrName);
        }

        throw new BadInputException(
            $"No policy file '{fileOrName}' and no built-in policy of that name (built-in: {string.Join(", ", BuiltInNames)}).");
    }

    /// <summary>Parses a policy's JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static Policy Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var merged = (JsonObject)DefaultJson.Value.DeepClone();
        Overlay(merged, ParseObject(json, source));
        return Read(new PolicySection(merged, source, string.Empty), Flatten(merged));
    }

    private static Policy Read(PolicySection root, IReadOnlyList<PolicySetting> settings)
    {
        root.Integer("schemaVersion", SchemaVersion, SchemaVersion);
        var policy = new Policy(
            root.Text("name"),
            root.Text("description"),
            root.OptionalText("target"),
            Within(root.Section("privacy"), ReadPrivacy),
            Within(root.Section("identifiers"), section => new IdentifierRules(section.Choice<IdentifierHandling>("handling"))),
            Within(root.Section("training"), section => new TrainingRules(
                section.Integer("maxEpochs", 1, 10_000),
                section.Number("maxMinutes", 0.1, 7 * 24 * 60),
                section.Integer("earlyStoppingPatience", 1, 1_000),
                section.OptionalNumber("targetLossShare", 0.01, 0.99))),
            Within(root.Section("retries"), section => new RetryRules(
                section.Integer("maxRetries", 0, 10),
                section.Number("epochFactor", 0.05, 1),
                section.Number("capacityFactor", 0.05, 1),
                section.Number("temperatureStep", 0, 1))),
            Within(root.Section("sampling"), section => new SamplingSettings(section.Number("temperature", 0.05, 5))),
            Within(root.Section("limits"), section => new SizeLimits(
                section.LongInteger("maxRows", 1, long.MaxValue),
                section.Integer("maxColumns", 1, 100_000),
                section.LongInteger("maxFileBytes", 1, long.MaxValue))),
            Within(root.Section("quality"), ReadQualityFloors),
            settings);
        root.EnsureNoUnknownKeys();
        return policy;
    }

    private static PrivacyRules ReadPrivacy(PolicySection privacy) => new(
        privacy.Number("confidenceLevel", 0.5, 0.999),
        privacy.Number("requiredPower", 0.5, 0.999),
        privacy.Integer("bootstrapRounds", 20, 100_000),
        privacy.Integer("maxComparedRows", 1_000, int.MaxValue),
        Within(privacy.Section("preconditions"), section => new PreconditionRules(
            section.Integer("minTrainRows", 1, int.MaxValue),
            section.Integer("minHoldoutRows", 1, int.MaxValue),
            section.Integer("minSyntheticRows", 1, int.MaxValue),
            section.Number("overlapAlpha", 1e-9, 0.2))),
        Within(privacy.Section("exactCopies"), section => new ExactCopyRules(
            section.Number("alpha", 1e-9, 0.2),
            section.Number("minExcessShare", 0, 1))),
        Within(privacy.Section("closestRecord"), section => new ClosestRecordRules(
            section.Number("boundLevel", 0.5, 0.9999),
            section.Number("maxUpperBound", 0.5, 1))),
        Within(privacy.Section("lowerTail"), section => new LowerTailRules(
            section.Number("maxQuantile", 0.001, 0.5),
            section.Integer("quantileSteps", 1, 1_000),
            section.Number("nullPercentile", 0.5, 0.9999))),
        Within(privacy.Section("whiteBox"), section => new WhiteBoxRules(
            section.Number("maxAuc", 0.5, 1),
            section.Number("maxTprAtLowFpr", 0, 1),
            section.Number("lowFpr", 0.0001, 0.5),
            section.Integer("maxRowsPerGroup", 50, int.MaxValue),
            section.Choice<MissingModelHandling>("withoutModel"))),
        Within(privacy.Section("blackBox"), section => new BlackBoxRules(
            section.Number("maxAuc", 0.5, 1),
            section.Number("maxIsolatedAuc", 0.5, 1),
            section.Number("isolatedShare", 0.01, 1),
            section.Integer("densityNeighbours", 1, 100),
            section.Integer("editCandidates", 1, 100),
            section.Integer("maxRowsPerGroup", 50, int.MaxValue))),
        Within(privacy.Section("anonymeter"), section => new AnonymeterRules(
            section.Number("maxRisk", 0, 1),
            section.Integer("attacks", 10, 1_000_000),
            section.Integer("minAttacks", 10, 1_000_000),
            section.Integer("predicateColumns", 1, 100),
            section.Integer("linkabilityNeighbours", 1, 100),
            section.Number("numericTolerance", 0, 1),
            section.Texts("quasiIdentifiers"),
            section.Texts("sensitiveColumns"))),
        Within(privacy.Section("rareValues"), section => new RareValueRules(
            section.Integer("maxTrainCount", 1, 1_000),
            section.Number("alpha", 1e-9, 0.2))));

    private static IReadOnlyList<QualityFloor> ReadQualityFloors(PolicySection quality)
    {
        var floors = new List<QualityFloor>();
        foreach (var metric in quality.Keys.ToArray())
        {
            if (!QualityFloor.KnownMetrics.TryGetValue(metric, out var isMaximum))
            {
                continue; // left unread: EnsureNoUnknownKeys names it
            }

            floors.Add(Within(quality.Section(metric), floor => new QualityFloor(
                metric,
                floor.Number(isMaximum ? "max" : "min", 0, 1),
                isMaximum,
                floor.Choice<FloorAction>("action"))));
        }

        return floors;
    }

    // Reads a section, then refuses any key the reader did not ask for.
    private static T Within<T>(PolicySection section, Func<PolicySection, T> read)
    {
        var value = read(section);
        section.EnsureNoUnknownKeys();
        return value;
    }

    private static void Overlay(JsonObject target, JsonObject changes)
    {
        foreach (var (key, value) in changes.ToArray())
        {
            if (value is JsonObject section && target[key] is JsonObject existing)
            {
                Overlay(existing, section);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static List<PolicySetting> Flatten(JsonObject json)
    {
        var settings = new List<PolicySetting>();
        void Walk(JsonNode? node, string key)
        {
            if (node is JsonObject section)
            {
                foreach (var (name, child) in section)
                {
                    Walk(child, key.Length == 0 ? name : key + "." + name);
                }
            }
            else
            {
                settings.Add(new PolicySetting(key, node?.ToJsonString() ?? "null"));
            }
        }

        Walk(json, string.Empty);
        return settings;
    }

    private static JsonObject ParseObject(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new BadInputException($"Policy '{source}' must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"Policy '{source}' is not valid JSON (line {e.LineNumber + 1}).", e);
        }
    }

    private static string ReadBuiltIn(string name)
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream($"PredLlm.Synth.Policies.{name}.json")
            ?? throw new InvalidOperationException($"The built-in policy '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
