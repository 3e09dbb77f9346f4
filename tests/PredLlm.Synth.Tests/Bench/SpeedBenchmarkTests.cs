using PredLlm.Synth.Bench;

namespace PredLlm.Synth.Tests.Bench;

[Collection(TorchGlobalState.Name)]
public class SpeedBenchmarkTests
{
    [Fact]
    public void The_matmul_peak_is_a_plausible_positive_rate()
    {
        var gflops = MatmulPeak.Measure(threads: 1, size: 128, repeats: 5);

        Assert.InRange(gflops, 0.1, 10_000);
    }

    [Fact]
    public void A_speed_run_reports_utilisation_as_six_times_parameters_times_tokens_per_second_over_the_peak()
    {
        var corpus = new SyntheticTableCorpus(trainRows: 100, validationRows: 10, seed: 2);
        var benchmark = new BenchmarkCorpus("tiny synthetic", corpus, corpus.TableRows);

        var report = SpeedBenchmark.Run(benchmark, new SpeedBenchmarkOptions(TrainingTokens: 2_000, Threads: 1, BatchSize: 8, Seed: 0));

        Assert.Equal((2, 128), (report.Layers, report.Width));
        Assert.InRange(report.TrainingTokens, 2_000, 2_000 + 8 * 80);
        Assert.Equal(6.0 * report.Parameters * report.TrainTokensPerSecond / (report.MatmulPeakGflops * 1e9), report.ModelFlopUtilisation, 9);
        Assert.True(double.IsFinite(report.ValidationLoss) && report.ValidationLoss > 0);
        Assert.Equal("tiny synthetic", report.Corpus);
    }
}
