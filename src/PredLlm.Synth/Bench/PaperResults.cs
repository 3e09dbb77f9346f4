using System.Globalization;
using System.Text;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Bench;

/// <summary>One method on one table in one run.</summary>
public sealed record MethodRun(double Trtr, double Tstr, double DiscriminatorAuc, double DcrShare, double ValidRowRate, int UnseenCategories, double Seconds);

/// <summary>A figure's mean and standard deviation over runs.</summary>
public sealed record MeanStd(double Mean, double Std)
{
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1)) : 0;
        return new MeanStd(mean, std);
    }
}

/// <summary>One method on one table, over every run.</summary>
/// <param name="UnseenCategories">The most synthetic categorical values that no train row holds, over the runs (0 when every value was seen).</param>
public sealed record MethodResult(MeanStd Trtr, MeanStd Tstr, MeanStd DiscriminatorAuc, MeanStd DcrShare, MeanStd ValidRowRate, int UnseenCategories, MeanStd Seconds)
{
    /// <summary>TSTR over TRTR: 1 means the synthetic table trains models as well as the real one.</summary>
    public double Ratio => Trtr.Mean == 0 ? 0 : Tstr.Mean / Trtr.Mean;

    /// <summary>The paper's "competes with the original data": TSTR at most one point (0.01) below TRTR.</summary>
    public bool WithinOnePoint => Tstr.Mean >= Trtr.Mean - 0.01;

    public static MethodResult Summarise(IReadOnlyList<MethodRun> runs) => new(
        MeanStd.Of([.. runs.Select(run => run.Trtr)]),
        MeanStd.Of([.. runs.Select(run => run.Tstr)]),
        MeanStd.Of([.. runs.Select(run => run.DiscriminatorAuc)]),
        MeanStd.Of([.. runs.Select(run => run.DcrShare)]),
        MeanStd.Of([.. runs.Select(run => run.ValidRowRate)]),
        runs.Max(run => run.UnseenCategories),
        MeanStd.Of([.. runs.Select(run => run.Seconds)]));
}

/// <summary>One table's results, per method.</summary>
public sealed record DatasetResult(string Dataset, int Rows, int Columns, PredictionTask Task, IReadOnlyDictionary<string, MethodResult> Methods)
{
    /// <summary>The score behind TRTR and TSTR: accuracy, or R^2 for a regression target.</summary>
    public string Metric => Task == PredictionTask.Classification ? "accuracy" : "r2";
}

/// <summary>Every table's results and the paper's headline counts.</summary>
public sealed record PaperResults(IReadOnlyList<DatasetResult> Datasets)
{
    public int WithinOnePoint(string method) => Datasets.Count(dataset => dataset.Methods[method].WithinOnePoint);

    public int RatioAtLeast(string method, double ratio) => Datasets.Count(dataset => dataset.Methods[method].Ratio >= ratio);

    public double MeanTstr(string method) => Datasets.Count == 0 ? 0 : Datasets.Average(dataset => dataset.Methods[method].Tstr.Mean);

    public double MinValidRowRate(string method) => Datasets.Count == 0 ? 1 : Datasets.Min(dataset => dataset.Methods[method].ValidRowRate.Mean);

    /// <summary>Tables where some synthetic categorical value occurs in no train row.</summary>
    public int TablesWithUnseenCategories(string method) => Datasets.Count(dataset => dataset.Methods[method].UnseenCategories > 0);

    /// <summary>A row per table, TRTR then TSTR per method (mean ± std), and the headline counts.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| table | rows | metric | TRTR |");
        foreach (var method in PaperBenchmark.Methods)
        {
            text.Append(CultureInfo.InvariantCulture, $" TSTR {method} |");
        }
        text.AppendLine().Append("|---|---|---|---|").AppendLine(string.Concat(PaperBenchmark.Methods.Select(_ => "---|")));
        foreach (var dataset in Datasets)
        {
            var trtr = dataset.Methods[PaperBenchmark.PredLlm].Trtr;
            text.Append(CultureInfo.InvariantCulture, $"| {dataset.Dataset} | {dataset.Rows} | {dataset.Metric} | {Format(trtr)} |");
            foreach (var method in PaperBenchmark.Methods)
            {
                var result = dataset.Methods[method];
                text.Append(CultureInfo.InvariantCulture, $" {Format(result.Tstr)} ({result.Ratio:0.00}{(result.WithinOnePoint ? ", within 1 pt" : "")}) |");
            }
            text.AppendLine();
        }
        text.AppendLine();
        text.AppendLine("| method | mean TSTR | within 1 pt of TRTR | TSTR/TRTR >= 0.95 | min valid-row rate | tables with unseen categories | mean discriminator AUC | mean DCR share | mean seconds |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var method in PaperBenchmark.Methods)
        {
            var count = Datasets.Count;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {method} | {MeanTstr(method):0.000} | {WithinOnePoint(method)}/{count} | {RatioAtLeast(method, 0.95)}/{count} | {MinValidRowRate(method):0.000} | {TablesWithUnseenCategories(method)}/{count} | {Average(method, r => r.DiscriminatorAuc.Mean):0.000} | {Average(method, r => r.DcrShare.Mean):0.000} | {Average(method, r => r.Seconds.Mean):0.0} |");
        }
        return text.ToString();
    }

    private double Average(string method, Func<MethodResult, double> figure) =>
        Datasets.Count == 0 ? 0 : Datasets.Average(dataset => figure(dataset.Methods[method]));

    private static string Format(MeanStd figure) => string.Create(CultureInfo.InvariantCulture, $"{figure.Mean:0.000} ± {figure.Std:0.000}");
}
