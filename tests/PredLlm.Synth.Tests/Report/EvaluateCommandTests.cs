using System.Globalization;
using System.Text;
using System.Text.Json;
using PredLlm.Synth.Tests.Cli;

namespace PredLlm.Synth.Tests.Report;

/// <summary><c>predllm evaluate</c> run as a user runs it: a separate process, its exit code and the reports it writes.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("predllm-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_copy_of_the_train_split_is_rejected_with_exit_3_and_both_reports()
    {
        var (train, holdout) = (Write("train.csv", Rows(300, seed: 1)), Write("holdout.csv", Rows(250, seed: 2)));
        var copy = Write("copy.csv", Rows(300, seed: 1));
        var output = Path.Combine(_folder, "out");

        var (exitCode, stdout, stderr) = await RunAsync("evaluate", "--train", train, "--holdout", holdout, "--synthetic", copy, "--out", output);

        Assert.True(exitCode == 3, stderr);
        Assert.StartsWith("REJECT", stdout, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        Assert.Equal("REJECT", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(3, report.RootElement.GetProperty("inputs").GetArrayLength());
        Assert.Contains("<strong>REJECT</strong>", await File.ReadAllTextAsync(Path.Combine(output, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_that_passes_the_policy_exits_0()
    {
        var (train, holdout) = (Write("train.csv", Rows(300, seed: 1)), Write("holdout.csv", Rows(250, seed: 2)));
        var fresh = Write("fresh.csv", Rows(300, seed: 3));
        // A policy no table fails, so that this test is about the exit code, not about the gate's thresholds.
        var lenient = Write("lenient.json", """
            { "name": "lenient", "description": "Test policy: thresholds nothing exceeds.",
              "privacy": { "exactCopies": { "minExcessShare": 1 }, "closestRecord": { "maxUpperBound": 1 }, "lowerTail": { "nullPercentile": 0.9999 },
                           "blackBox": { "maxAuc": 1, "maxIsolatedAuc": 1 }, "anonymeter": { "maxRisk": 1, "minAttacks": 10 } },
              "quality": { "categoryAdherence": { "min": 0, "action": "fail" } } }
            """);
        var output = Path.Combine(_folder, "out");

        var (exitCode, stdout, stderr) = await RunAsync("evaluate", "--train", train, "--holdout", holdout, "--synthetic", fresh, "--policy", lenient, "--target", "label", "--out", output);

        Assert.True(exitCode == 0, stdout + stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        Assert.Equal("PASS", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("lenient", report.RootElement.GetProperty("policy").GetProperty("name").GetString());
        Assert.Equal("label", report.RootElement.GetProperty("quality").GetProperty("mlEfficacy").GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_missing_file_is_bad_input_with_exit_2_and_no_report()
    {
        var train = Write("train.csv", Rows(300, seed: 1));
        var output = Path.Combine(_folder, "out");

        var (exitCode, _, stderr) = await RunAsync("evaluate", "--train", train, "--holdout", Path.Combine(_folder, "missing.csv"), "--synthetic", train, "--out", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: There is no file at", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>x, y = 2x + noise, a colour, and a label that x and the colour decide: continuous enough that fresh rows never copy train rows.</summary>
    private static string Rows(int count, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x,y,colour,label\n");
        for (var i = 0; i < count; i++)
        {
            var x = Quality.QualityTestTables.Gaussian(random);
            var y = (2 * x) + (0.3 * Quality.QualityTestTables.Gaussian(random));
            var colour = new[] { "red", "green", "blue" }[random.Next(3)];
            var label = x + (colour == "red" ? 0.5 : 0) + (0.5 * Quality.QualityTestTables.Gaussian(random)) > 0 ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{x:0.0000},{y:0.0000},{colour},{label}\n");
        }

        return text.ToString();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        PredllmProcess.RunAsync(arguments);
}
