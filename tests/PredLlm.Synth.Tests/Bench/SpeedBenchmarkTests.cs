using PredLlm.Synth.Bench;
using PredLlm.Synth.Model;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Bench;

[Collection(TorchGlobalState.Name)]
public class SpeedBenchmarkTests
{
    [Fact]
    public void A_speed_run_reports_utilisation_as_six_times_parameters_times_tokens_per_second_over_the_peak()
    {
        var random = new Random(2);
        var table = new Table([
            Column.Create<long>(new ColumnDefinition("age", ColumnStorage.Int32, false), Enumerable.Range(0, 150).Select(_ => (long)random.Next(18, 90)).ToArray()),
            Column.Create<string>(new ColumnDefinition("income", ColumnStorage.String, false), Enumerable.Range(0, 150).Select(_ => random.Next(2) == 0 ? "low" : "high").ToArray()),
        ]);

        var report = SpeedBenchmark.Run(table, "tiny", new SpeedBenchmarkOptions(TrainingTokens: 2_000, Threads: 1, BatchSize: 8, Seed: 0, GenerationRows: 20));

        Assert.Equal((2, 128), (report.Layers, report.Width));
        Assert.InRange(report.TrainingTokens, 2_000, 2_000 + 8 * 40);
        Assert.Equal(MatmulPrecisions.Fastest(TorchSharp.torch.CPU), report.TrainingPrecision);
        Assert.Equal(6.0 * report.Parameters * report.TrainTokensPerSecond / (report.MatmulPeakGflops * 1e9), report.ModelFlopUtilisation, 9);
        Assert.True(double.IsFinite(report.ValidationLoss) && report.ValidationLoss > 0);
        Assert.True(report.GenerationRowsPerSecond > 0);
        Assert.Equal(1.0, report.ValidRowRate);
        Assert.Equal("tiny", report.Corpus);
    }
}
