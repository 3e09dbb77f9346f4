using System.Diagnostics;
using PredLlm.Synth.Baselines;
using PredLlm.Synth.Generation;
using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Privacy.Tests;
using PredLlm.Synth.Quality;
using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Bench;

/// <summary>Settings of <c>predllm bench paper</c>.</summary>
/// <param name="Tables">Table files (CSV or Parquet), target last unless <paramref name="Target"/> is given.</param>
/// <param name="Runs">Runs per table, with seeds <paramref name="FirstSeed"/>, the next, ... (the paper uses 3 from 0).</param>
/// <param name="Target">The target column of every table; null for each table's last column.</param>
/// <param name="Training">Budget of each Pred-LLM model (epochs and a time cap per table and run).</param>
/// <param name="LabelTemperature">A classification target's softmax temperature in both samplings of the model.</param>
/// <param name="NumericLabelDraws">Answers whose median is a numeric Pred-LLM label.</param>
/// <param name="FirstSeed">The first run's seed; a later start measures further seeds of the protocol in a separate sitting (20 tables take over an hour a seed).</param>
public sealed record PaperBenchmarkOptions(
    IReadOnlyList<string> Tables, int Runs, string? Target, TrainingBudget Training,
    double LabelTemperature = GenerationOptions.DefaultLabelTemperature, int NumericLabelDraws = GenerationOptions.DefaultNumericLabelDraws,
    int FirstSeed = 0);

/// <summary>
/// The Pred-LLM paper's protocol on benchmark tables, beside what a user would otherwise pick: for each
/// table and seed, a stratified 80/20 split; gradient-boosted trees trained on the real 80% (TRTR) and on
/// a synthetic table of the same size (TSTR), both scored on the real 20%. Methods: Pred-LLM, GReaT-style
/// sampling from the same model (the ablation of Pred-LLM's sampling), a Gaussian copula and independent
/// marginals (the floor). Each also gets the discriminator AUC, the share of synthetic rows closer to train
/// than to holdout, the valid-row rate and the wall time.
/// </summary>
public static class PaperBenchmark
{
    public const string PredLlm = "pred-llm";
    public const string GreatStyle = "great-style";
    public const string Copula = "gaussian-copula";
    public const string Marginals = "independent-marginals";

    public static IReadOnlyList<string> Methods { get; } = [PredLlm, GreatStyle, Copula, Marginals];

    /// <summary>Runs the protocol on every table; <paramref name="tableDone"/> hears the results so far after each table, so a long run that is stopped keeps what it measured.</summary>
    public static async Task<PaperResults> RunAsync(
        PaperBenchmarkOptions options, Action<string> progress, Action<PaperResults>? tableDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var results = new List<DatasetResult>();
        foreach (var path in options.Tables)
        {
            var table = await TableReader.ReadAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileNameWithoutExtension(path);
            var target = options.Target ?? table[table.ColumnCount - 1].Name;
            var runs = new List<IReadOnlyDictionary<string, MethodRun>>();
            for (var run = 0; run < options.Runs; run++)
            {
                var seed = options.FirstSeed + run;
                var label = $"{name}: run {run + 1}/{options.Runs} (seed {seed})";
                progress(label);
                runs.Add(RunOnce(table, target, seed, options, message => progress($"{label}: {message}"), cancellationToken));
            }
            var task = PredictionTasks.Of(table[target]);
            results.Add(new DatasetResult(name, table.RowCount, table.ColumnCount, task, Methods.ToDictionary(
                method => method,
                method => new MethodResult(runs.Select(run => run[method])))));
            tableDone?.Invoke(new PaperResults([.. results]));
        }
        return new PaperResults(results);
    }

    private static Dictionary<string, MethodRun> RunOnce(Table table, string target, int seed, PaperBenchmarkOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var split = StratifiedSplitter.Split(table, target, SplitPlan.PaperProtocol, seed);
        var real = split.Train;
        var test = split.Holdout;
        var trtr = Score(real, test, target, seed);
        var runs = new Dictionary<string, MethodRun>();

        // The model learns from the 80% minus a tenth kept for early stopping; it never sees the 20%.
        var fit = StratifiedSplitter.Split(real, target, new SplitPlan { HoldoutFraction = 0.1, ValidationFraction = 0 }, seed);
        progress("training Pred-LLM");
        var clock = Stopwatch.StartNew();
        using (var model = TableModelTrainer.Train(fit.Train, fit.Holdout, target, new TableTrainingOptions
        {
            Training = new TrainingOptions { Seed = seed, Budget = options.Training },
        }, cancellationToken: cancellationToken))
        {
            var trainingTime = clock.Elapsed;
            foreach (var (method, sampling) in new[] { (PredLlm, SamplingMethod.PredLlm), (GreatStyle, SamplingMethod.GreatStyle) })
            {
                progress($"sampling {method}");
                clock.Restart();
                var generated = new TableGenerator(model, fit.Train, new GenerationOptions(Method: sampling, LabelTemperature: options.LabelTemperature, NumericLabelDraws: options.NumericLabelDraws)).Generate(real.RowCount, seed, cancellationToken: cancellationToken);
                runs[method] = Measure(real, test, generated.Table, target, seed, trtr, generated.ValidRowRate, trainingTime + clock.Elapsed);
            }
        }
        foreach (var synthesizer in new ISynthesizer[] { new GaussianCopula(), new IndependentMarginals() })
        {
            var method = synthesizer is GaussianCopula ? Copula : Marginals;
            progress($"fitting {method}");
            clock.Restart();
            var synthetic = synthesizer.Generate(real, real.RowCount, seed);
            runs[method] = Measure(real, test, synthetic, target, seed, trtr, validRowRate: 1, clock.Elapsed);
        }
        return runs;
    }

    private static MethodRun Measure(Table real, Table test, Table synthetic, string target, int seed, double trtr, double validRowRate, TimeSpan elapsed)
    {
        var tstr = Score(synthetic, test, target, seed);
        var aligned = new AlignedTables(real, test, synthetic);
        var discriminator = Discriminator.Evaluate(aligned, new Bootstrap(0, seed)).SyntheticVsTrain.Value;
        var unseen = Adherence.UnseenCategoryCount(aligned);
        var inputs = new GateInputs(real, test, synthetic) { Target = target, Seed = seed };
        var closest = new ClosestRecordTest().Run(new GateContext(inputs, PolicyLoader.Default, CancellationToken.None));
        var dcrShare = closest.Headline?.Value ?? double.NaN;
        return new MethodRun(seed, trtr, tstr, discriminator, dcrShare, validRowRate, unseen, elapsed.TotalSeconds);
    }

    /// <summary>
    /// The paper's downstream score, higher is better: accuracy for classification (0 when the training
    /// table misses a class of the test table), R^2 for regression.
    /// </summary>
    private static double Score(Table trainOn, Table scoreOn, string target, int seed)
    {
        var score = DownstreamEvaluation.TrainAndScore(trainOn, scoreOn, target, new DownstreamOptions(seed, BootstrapReplicates: 0));
        return score.Task == PredictionTask.Classification
            ? (score.MissingClasses > 0 ? 0 : score[DownstreamMetrics.Accuracy].Value)
            : score[DownstreamMetrics.RSquared].Value;
    }
}
