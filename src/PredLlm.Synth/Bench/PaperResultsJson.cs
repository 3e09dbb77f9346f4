using System.Text.Json;
using System.Text.Json.Nodes;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Bench;

/// <summary>
/// results.json of <c>predllm bench paper</c>: per table its seeds, and per method the keys <c>trtr</c>, <c>tstr</c>,
/// <c>discriminatorAuc</c>, <c>dcrShare</c>, <c>validRowRate</c>, <c>seconds</c> (each mean and std), <c>unseenCategories</c>
/// (the most over runs), the TSTR/TRTR ratio and <c>runs</c>, every run's figures with its seed; then per method the
/// headline counts. <see cref="Read"/> takes the runs back, so sittings of separate seeds can be merged.
/// </summary>
public static class PaperResultsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(PaperResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var datasets = new JsonObject();
        foreach (var dataset in results.Datasets)
        {
            var methods = new JsonObject();
            foreach (var (method, result) in dataset.Methods)
            {
                methods[method] = new JsonObject
                {
                    ["trtr"] = Figure(result.Trtr),
                    ["tstr"] = Figure(result.Tstr),
                    ["discriminatorAuc"] = Figure(result.DiscriminatorAuc),
                    ["dcrShare"] = Figure(result.DcrShare),
                    ["validRowRate"] = Figure(result.ValidRowRate),
                    ["unseenCategories"] = result.UnseenCategories,
                    ["seconds"] = Figure(result.Seconds),
                    ["tstrOverTrtr"] = result.Ratio,
                    ["withinOnePoint"] = result.WithinOnePoint,
                    ["runs"] = new JsonArray([.. result.Runs.Select(Run)]),
                };
            }
            datasets[dataset.Dataset] = new JsonObject
            {
                ["rows"] = dataset.Rows,
                ["columns"] = dataset.Columns,
                ["metric"] = dataset.Metric,
                ["seeds"] = new JsonArray([.. dataset.Seeds.Select(seed => JsonValue.Create(seed))]),
                ["methods"] = methods,
            };
        }
        var summary = new JsonObject();
        foreach (var method in PaperBenchmark.Methods)
        {
            summary[method] = new JsonObject
            {
                ["meanTstr"] = results.MeanTstr(method),
                ["withinOnePoint"] = results.WithinOnePoint(method),
                ["ratioAtLeast095"] = results.RatioAtLeast(method, 0.95),
                ["minValidRowRate"] = results.MinValidRowRate(method),
                ["tablesWithUnseenCategories"] = results.TablesWithUnseenCategories(method),
            };
        }
        return new JsonObject { ["datasets"] = datasets, ["summary"] = summary }.ToJsonString(Indented);
    }

    /// <summary>The results a results.json holds, from its runs (the means and counts beside them are recomputed).</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file, to name in an error.</param>
    /// <exception cref="BadInputException">The text is not a results.json of this version (one without runs is older).</exception>
    public static PaperResults Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{source} is not JSON: {e.Message}", e);
        }
        try
        {
            var datasets = root?["datasets"]?.AsObject() ?? throw Malformed(source, "it has no \"datasets\" object");
            return new PaperResults([.. datasets.Select(pair => ReadDataset(pair.Key, pair.Value, source))]);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A key holding the wrong kind of value (a string for a number, an array for an object).
            throw Malformed(source, e.Message);
        }
    }

    private static DatasetResult ReadDataset(string name, JsonNode? node, string source)
    {
        var where = $"table '{name}'";
        var task = Required(node, "metric", where, source).GetValue<string>() switch
        {
            "accuracy" => PredictionTask.Classification,
            "r2" => PredictionTask.Regression,
            var other => throw Malformed(source, $"{where} has metric '{other}', neither accuracy nor r2"),
        };
        var methods = Required(node, "methods", where, source).AsObject();
        return new DatasetResult(
            name,
            Required(node, "rows", where, source).GetValue<int>(),
            Required(node, "columns", where, source).GetValue<int>(),
            task,
            PaperBenchmark.Methods.ToDictionary(method => method, method => ReadMethod(methods[method], $"{where}, method '{method}'", source)));
    }

    private static MethodResult ReadMethod(JsonNode? node, string where, string source)
    {
        var runs = node?["runs"]?.AsArray() ?? throw Malformed(source, $"{where} has no \"runs\" (a results.json written before runs were kept cannot be merged)");
        if (runs.Count == 0)
        {
            throw Malformed(source, $"{where} has no runs");
        }
        return new MethodResult(runs.Select(run => new MethodRun(
            Required(run, "seed", where, source).GetValue<int>(),
            Number(run, "trtr", where, source),
            Number(run, "tstr", where, source),
            Number(run, "discriminatorAuc", where, source),
            Number(run, "dcrShare", where, source),
            Number(run, "validRowRate", where, source),
            Required(run, "unseenCategories", where, source).GetValue<int>(),
            Number(run, "seconds", where, source))));
    }

    private static JsonObject Figure(MeanStd figure) => new() { ["mean"] = Finite(figure.Mean), ["std"] = Finite(figure.Std) };

    private static JsonObject Run(MethodRun run) => new()
    {
        ["seed"] = run.Seed,
        ["trtr"] = Finite(run.Trtr),
        ["tstr"] = Finite(run.Tstr),
        ["discriminatorAuc"] = Finite(run.DiscriminatorAuc),
        ["dcrShare"] = Finite(run.DcrShare),
        ["validRowRate"] = Finite(run.ValidRowRate),
        ["unseenCategories"] = run.UnseenCategories,
        ["seconds"] = Finite(run.Seconds),
    };

    // JSON has no NaN: a figure that could not be computed is written null and read back as NaN.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double Number(JsonNode? run, string key, string where, string source)
    {
        if (run is not JsonObject figures || !figures.ContainsKey(key))
        {
            throw Malformed(source, $"a run of {where} has no \"{key}\"");
        }
        return figures[key]?.GetValue<double>() ?? double.NaN;
    }

    private static JsonNode Required(JsonNode? node, string key, string where, string source) =>
        node?[key] ?? throw Malformed(source, $"{where} has no \"{key}\"");

    private static BadInputException Malformed(string source, string problem) =>
        new($"{source} is not a results.json of 'predllm bench paper': {problem}.");
}
