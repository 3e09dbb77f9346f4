using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PredLlm.Synth.Bench;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Cli.Commands;

/// <summary><c>predllm bench speed</c>: how fast this machine trains the default model, and how well it uses the cores.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("bench", "Measure this machine.");
        command.Subcommands.Add(CreateSpeed());
        return command;
    }

    private static Command CreateSpeed()
    {
        var defaults = SpeedBenchmarkOptions.Default;
        var json = new Option<FileInfo?>("--json") { Description = "Also write the measurements to this JSON file." };
        var tokens = new Option<long>("--tokens") { Description = "Training tokens to measure over.", DefaultValueFactory = _ => defaults.TrainingTokens };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads.", DefaultValueFactory = _ => defaults.Threads };
        var batchSize = new Option<int?>("--batch-size") { Description = "Sequences per optimiser step (default: the trainer's choice for the corpus)." };
        var command = new Command("speed", "fp32 matmul peak, training tokens/s and model-FLOP utilisation of the default model on an adult-shaped corpus.")
        {
            json, tokens, threads, batchSize,
        };
        command.SetAction(parseResult =>
        {
            var options = defaults with
            {
                TrainingTokens = Positive(parseResult.GetValue(tokens), "--tokens"),
                Threads = (int)Positive(parseResult.GetValue(threads), "--threads"),
                BatchSize = parseResult.GetValue(batchSize) is { } size ? (int)Positive(size, "--batch-size") : null,
            };
            var report = SpeedBenchmark.Run(SpeedBenchmark.AdultShapedCorpus(options.Seed), options, ShowProgress);
            Console.Error.WriteLine();
            Console.WriteLine(Describe(report));
            if (parseResult.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, JsonSerializer.Serialize(report, JsonOptions));
            }
            return ExitCodes.Released;
        });
        return command;
    }

    private static long Positive(long value, string option) =>
        value > 0 ? value : throw new BadInputException($"{option} must be positive.");

    private static void ShowProgress(TrainingProgress progress) =>
        Console.Error.Write(FormattableString.Invariant(
            $"\rtraining: step {progress.Step}, loss {progress.TrainingLoss:F3}, {progress.TokensPerSecond:F0} tokens/s, about {progress.EstimatedTimeLeft.TotalSeconds:F0} s left   "));

    private static string Describe(SpeedReport report) => string.Join(Environment.NewLine,
    [
        Line($"matmul peak (fp32, threads: {report.Threads}): {report.MatmulPeakGflops:F1} GFLOP/s"),
        Line($"default model: {report.Layers} layers, width {report.Width}, {report.Parameters} parameters, batch {report.BatchSize}"),
        Line($"training: {report.TrainTokensPerSecond:F0} tokens/s over {report.TrainingTokens} tokens ({report.TrainingSeconds:F1} s)"),
        Line($"model-FLOP utilisation: {report.ModelFlopUtilisation:F3}"),
        Line($"validation loss: {report.ValidationLoss:F4}"),
        Line($"corpus: {report.Corpus}"),
        report.LoadAverage is { } load ? Line($"load average at start: {load:F2} (other work shares the cores)") : "load average at start: unknown",
    ]);

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
