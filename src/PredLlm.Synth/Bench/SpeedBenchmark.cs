using System.Globalization;
using System.Diagnostics;
using PredLlm.Synth.Generation;
using PredLlm.Synth.Model;
using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Bench;

/// <summary>Settings of a speed measurement.</summary>
/// <param name="TrainingTokens">Token budget of the training measured; fixed so the validation loss is comparable between runs.</param>
/// <param name="Threads">TorchSharp threads.</param>
/// <param name="BatchSize">Sequences per optimiser step.</param>
/// <param name="Seed">Seed of the split, the model, the training and the sampling.</param>
/// <param name="GenerationRows">Synthetic rows generated (label querying included) to measure rows/s.</param>
public sealed record SpeedBenchmarkOptions(long TrainingTokens, int Threads, int BatchSize, int Seed, int GenerationRows)
{
    public static SpeedBenchmarkOptions Default { get; } = new(TrainingTokens: 400_000, Threads: Environment.ProcessorCount, BatchSize: 32, Seed: 0, GenerationRows: 3_000);
}

/// <summary>
/// Trains the model <see cref="ModelSizing"/> chooses for a table (by default
/// adult) on its Pred-LLM corpus for a fixed token budget, and generates rows with feature-conditional
/// sampling and label querying: tokens/s, model-FLOP utilisation against the matmul peak in the precision the
/// training used, validation loss and rows/s.
/// </summary>
public static class SpeedBenchmark
{
    public static SpeedReport Run(Table table, string name, SpeedBenchmarkOptions options, Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var loadAverage = LoadAverage();
        var target = table[table.ColumnCount - 1].Name;
        var split = StratifiedSplitter.Split(table, target, new SplitPlan(), options.Seed);
        var training = new TrainingOptions
        {
            Seed = options.Seed,
            BatchSize = options.BatchSize,
            Threads = options.Threads,
            Budget = new TrainingBudget(MaxEpochs: 1000, MaxTokens: options.TrainingTokens),
        };
        using var model = TableModelTrainer.Train(split.Train, split.Validation, target, new TableTrainingOptions { Training = training }, progress);
        var parameters = model.Model.ParameterCount;
        var metadata = model.Training;
        // The peak of the precision the training used, so that the utilisation compares like with like.
        var precision = model.Model.TrainingPrecision;
        var peak = MatmulPeak.Measure(options.Threads, precision);

        var clock = Stopwatch.StartNew();
        var generated = new TableGenerator(model, split.Train, new GenerationOptions()).Generate(options.GenerationRows, options.Seed);
        var generationSeconds = clock.Elapsed.TotalSeconds;
        var config = model.Model.Config;
        return new SpeedReport(
            peak,
            precision,
            metadata.TokensPerSecond,
            6.0 * parameters * metadata.TokensPerSecond / (peak * 1e9),
            generated.Table.RowCount / generationSeconds,
            generated.ValidRowRate,
            parameters,
            metadata.BestValidationLoss ?? double.NaN,
            config.Layers,
            config.Width,
            options.BatchSize,
            options.Threads,
            metadata.Tokens,
            metadata.Duration.TotalSeconds,
            name,
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
