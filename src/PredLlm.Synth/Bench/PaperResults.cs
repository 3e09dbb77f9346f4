using System.Globalization;
using System.Text;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Bench;

/// <summary>One method on one table in one run, the run of split seed <paramref name="Seed"/>.</summary>
public sealed record MethodRun(int Seed, double Trtr, double Tstr, double DiscriminatorAuc, double DcrShare, double ValidRowRate, int UnseenCategories, double Seconds);

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

/// <summary>One method on one table, over its runs (at least one, in seed order), whose figures are kept so that runs measured in separate sittings can be merged.</summary>
public sealed class MethodResult
{
    public MethodResult(IEnumerable<MethodRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Runs = [.. runs.OrderBy(run => run.Seed)];
        if (Runs.Count == 0)
        {
            throw new ArgumentException("A method's result has at least one run.", nameof(runs));
        }
    }

    public IReadOnlyList<MethodRun> Runs { get; }

    public MeanStd Trtr => Over(run => run.Trtr);

    public MeanStd Tstr => Over(run => run.Tstr);

    public MeanStd DiscriminatorAuc => Over(run => run.DiscriminatorAuc);

    public MeanStd DcrShare => Over(run => run.DcrShare);

    public MeanStd ValidRowRate => Over(run => run.ValidRowRate);

    public MeanStd Seconds => Over(run => run.Seconds);

    /// <summary>The most synthetic categorical values that no train row holds, over the runs (0 when every value was seen).</summary>
    public int UnseenCategories => Runs.Max(run => run.UnseenCategories);

    /// <summary>TSTR over TRTR: 1 means the synthetic table trains models as well as the real one.</summary>
    public double Ratio => Trtr.Mean == 0 ? 0 : Tstr.Mean / Trtr.Mean;

    /// <summary>The paper's "competes with the original data": TSTR at most one point (0.01) below TRTR.</summary>
    public bool WithinOnePoint => Tstr.Mean >= Trtr.Mean - 0.01;

    private MeanStd Over(Func<MethodRun, double> figure) => MeanStd.Of([.. Runs.Select(figure)]);
}

/// <summary>One table's results, per method.</summary>
public sealed record DatasetResult(string Dataset, int Rows, int Columns, PredictionTask Task, IReadOnlyDictionary<string, MethodResult> Methods)
{
    /// <summary>The score behind TRTR and TSTR: accuracy, or R^2 for a regression target.</summary>
    public string Metric => Task == PredictionTask.Classification ? "accuracy" : "r2";

    /// <summary>The split seeds of the runs (every method is measured on the same splits).</summary>
    public IReadOnlyList<int> Seeds => [.. Methods[PaperBenchmark.PredLlm].Runs.Select(run => run.Seed)];
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

    /// <summary>
    /// The results of several sittings as one (the paper's three seeds take over an hour each on 20 tables, so
    /// they are measured apart): a table's runs are those of every sitting that measured it, tables in the order
    /// they first appear.
    /// </summary>
    /// <exception cref="BadInputException">A table's size or metric differs between sittings, or a seed of a table was measured twice.</exception>
    public static PaperResults Merge(IEnumerable<PaperResults> sittings)
    {
        ArgumentNullException.ThrowIfNull(sittings);
        var merged = new List<DatasetResult>();
        foreach (var dataset in sittings.SelectMany(sitting => sitting.Datasets))
        {
            var at = merged.FindIndex(known => known.Dataset == dataset.Dataset);
            if (at < 0)
            {
                merged.Add(dataset);
                continue;
            }
            var known = merged[at];
            if ((known.Rows, known.Columns, known.Task) != (dataset.Rows, dataset.Columns, dataset.Task))
            {
                throw new BadInputException(
                    $"Table '{dataset.Dataset}' is not the same table in every sitting: {known.Rows} rows, {known.Columns} columns, {known.Metric} in one; {dataset.Rows}, {dataset.Columns}, {dataset.Metric} in another.");
            }
            if (known.Seeds.Intersect(dataset.Seeds).ToList() is [var repeated, ..])
            {
                throw new BadInputException($"Seed {repeated} of table '{dataset.Dataset}' was measured in two sittings; merge each seed once.");
            }
            merged[at] = known with
            {
                Methods = known.Methods.ToDictionary(pair => pair.Key, pair => new MethodResult([.. pair.Value.Runs, .. dataset.Methods[pair.Key].Runs])),
            };
        }
        return new PaperResults(merged);
    }

    /// <summary>A row per table (its seeds, TRTR, then TSTR per method, mean ± std) and the headline counts.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| table | rows | metric | seeds | TRTR |");
        foreach (var method in PaperBenchmark.Methods)
        {
            text.Append(CultureInfo.InvariantCulture, $" TSTR {method} |");
        }
        text.AppendLine().Append("|---|---|---|---|---|").AppendLine(string.Concat(PaperBenchmark.Methods.Select(_ => "---|")));
        foreach (var dataset in Datasets)
        {
            var trtr = dataset.Methods[PaperBenchmark.PredLlm].Trtr;
            text.Append(CultureInfo.InvariantCulture, $"| {dataset.Dataset} | {dataset.Rows} | {dataset.Metric} | {string.Join(", ", dataset.Seeds)} | {Format(trtr)} |");
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
