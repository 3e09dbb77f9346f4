using System.CommandLine;
using PredLlm.Synth.Job;

namespace PredLlm.Synth.Cli.Commands;

/// <summary>
/// <c>predllm synth &lt;table&gt;</c>: one table end to end on this machine — train, generate, gate, report —
/// writing <c>synthetic.parquet</c> (only when released), <c>report.json</c> and <c>report.html</c>.
/// </summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var table = new Argument<FileInfo>("table") { Description = "A Parquet file, or a CSV file with a header row." };
        var target = new Option<string?>("--target") { Description = "The column to predict (default: the policy's, else the last column)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the outputs.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var rows = new Option<int?>("--rows") { Description = "Synthetic rows to make (default: as many as the input has)." };
        var policy = new Option<string>("--policy") { Description = "A policy file, or the name of a built-in policy (default, strict).", DefaultValueFactory = _ => "default" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, training, sampling and statistics.", DefaultValueFactory = _ => 0 };
        var command = new Command("synth", "Make a vetted synthetic copy of one table: train, generate, evaluate, gate, report.")
        {
            table, target, output, rows, policy, seed,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = parseResult.GetValue(table)!;
            var outputDirectory = parseResult.GetValue(output)!;
            if (parseResult.GetValue(rows) is < 1)
            {
                throw new BadInputException("--rows must be at least 1.");
            }
            outputDirectory.Create();
            var request = new SynthesisRequest(
                input.FullName,
                Path.GetFileNameWithoutExtension(input.Name),
                RunId: "local",
                new TableOptions(parseResult.GetValue(target), parseResult.GetValue(policy)),
                outputDirectory.FullName);
            var pipeline = new SynthesisPipeline(new PipelineSettings(parseResult.GetValue(seed), parseResult.GetValue(rows)), new ProgressLine(Console.Error));
            var verdict = await pipeline.RunAsync(request, cancellationToken);
            await Console.Out.WriteLineAsync(verdict == SynthesisVerdict.Released
                ? $"released: {Path.Combine(outputDirectory.FullName, SynthesisOutputs.SyntheticTable)} (report: {SynthesisOutputs.ReportHtml})"
                : $"not released: the report in {outputDirectory.FullName} says why");
            return verdict == SynthesisVerdict.Released ? ExitCodes.Released : ExitCodes.Rejected;
        });
        return command;
    }
}
