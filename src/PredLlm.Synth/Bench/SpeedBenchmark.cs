using System.Globalization;
using PredLlm.Synth.Model;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Bench;

/// <summary>A corpus to benchmark on, with the table size the model is chosen from.</summary>
/// <param name="Name">Says what the corpus is, in the report.</param>
/// <param name="Corpus">The sequences.</param>
/// <param name="TableRows">Train rows of the table behind the corpus.</param>
public sealed record BenchmarkCorpus(string Name, ITrainingCorpus Corpus, int TableRows);

/// <summary>Settings of a speed measurement.</summary>
/// <param name="TrainingTokens">Token budget of the training measured; fixed so the validation loss is comparable between runs.</param>
/// <param name="Threads">TorchSharp threads.</param>
/// <param name="BatchSize">Sequences per optimiser step; null for the trainer's choice.</param>
/// <param name="Seed">Seed of the model and the training.</param>
public sealed record SpeedBenchmarkOptions(long TrainingTokens, int Threads, int? BatchSize, int Seed)
{
    public static SpeedBenchmarkOptions Default { get; } = new(TrainingTokens: 400_000, Threads: Environment.ProcessorCount, BatchSize: null, Seed: 0);
}

/// <summary>
/// Measures the matmul peak, then trains the model <see cref="ModelSizing"/> chooses for the corpus's table
/// for a fixed token budget and reports tokens/s, model-FLOP utilisation and the validation loss.
/// </summary>
public static class SpeedBenchmark
{
    /// <summary>The stand-in for adult's corpus until the text encoding supplies the real one: adult's train split of 26,048 rows.</summary>
    public static BenchmarkCorpus AdultShapedCorpus(int seed = 0)
    {
        var corpus = new SyntheticTableCorpus(trainRows: 26_048, validationRows: 2_000, seed);
        return new BenchmarkCorpus("synthetic, adult-shaped (15 columns, about 65 tokens a row)", corpus, corpus.TableRows);
    }

    public static SpeedReport Run(BenchmarkCorpus benchmark, SpeedBenchmarkOptions options, Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(options);
        var loadAverage = LoadAverage();
        var peak = MatmulPeak.Measure(options.Threads);

        var sample = benchmark.Corpus.TrainingSequences(0, new Random(options.Seed));
        var config = ModelSizing.Choose(
            benchmark.TableRows,
            sample.Average(sequence => sequence.Length),
            sample.Concat(benchmark.Corpus.ValidationSequences).Max(sequence => sequence.Length),
            benchmark.Corpus.VocabularySize);
        using var model = new GptModel(config, options.Seed);
        var training = new TrainingOptions
        {
            Seed = options.Seed,
            BatchSize = options.BatchSize,
            Threads = options.Threads,
            Budget = new TrainingBudget(MaxEpochs: 1000, MaxTokens: options.TrainingTokens),
        };
        var metadata = LanguageModelTrainer.Train(model, benchmark.Corpus, training, progress);

        var parameters = model.ParameterCount;
        return new SpeedReport(
            peak,
            metadata.TokensPerSecond,
            6.0 * parameters * metadata.TokensPerSecond / (peak * 1e9),
            parameters,
            metadata.BestValidationLoss ?? double.NaN,
            config.Layers,
            config.Width,
            metadata.BatchSize,
            options.Threads,
            metadata.Tokens,
            metadata.Duration.TotalSeconds,
            benchmark.Name,
            loadAverage);
    }

    /// <summary>The one-minute load average from /proc/loadavg, or null off Linux.</summary>
    private static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }
        var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
