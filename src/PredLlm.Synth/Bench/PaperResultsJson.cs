using System.Text.Json;
using System.Text.Json.Nodes;

namespace PredLlm.Synth.Bench;

/// <summary>
/// results.json of <c>predllm bench paper</c>: per table and method the keys <c>trtr</c>, <c>tstr</c>,
/// <c>discriminatorAuc</c>, <c>dcrShare</c>, <c>validRowRate</c>, <c>seconds</c> (each mean and std), <c>unseenCategories</c> (the most over runs) and the
/// TSTR/TRTR ratio; then per method the headline counts.
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
                };
            }
            datasets[dataset.Dataset] = new JsonObject
            {
                ["rows"] = dataset.Rows,
                ["columns"] = dataset.Columns,
                ["metric"] = dataset.Metric,
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

    private static JsonObject Figure(MeanStd figure) => new() { ["mean"] = Finite(figure.Mean), ["std"] = Finite(figure.Std) };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
