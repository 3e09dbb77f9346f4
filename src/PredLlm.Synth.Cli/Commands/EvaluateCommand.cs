using System.CommandLine;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Report;

namespace PredLlm.Synth.Cli.Commands;

/// <summary>
/// <c>predllm evaluate --train T --holdout H --synthetic S [--target C] [--policy P] [--out DIR] [--seed N]</c>:
/// the privacy gate and quality report for a synthetic table made by anything. Writes DIR/report.json and
/// DIR/report.html; exits 0 on PASS, 3 on REJECT or BLOCKED, 2 on bad input.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "The real rows the synthetic table was learned from (Parquet or CSV).", Required = true };
        var holdout = new Option<FileInfo>("--holdout") { Description = "Real rows kept away from the generator: the yardstick of every test.", Required = true };
        var synthetic = new Option<FileInfo>("--synthetic") { Description = "The synthetic table to judge.", Required = true };
        var target = new Option<string?>("--target") { Description = "Target column for ML efficacy (default: the policy's, else the last column)." };
        var policy = new Option<string>("--policy") { Description = "Policy file, or a built-in policy name (default, strict).", DefaultValueFactory = _ => "default" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.json and report.html.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var seed = new Option<int>("--seed") { Description = "Seed of every sample and bootstrap.", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Privacy gate and quality report for a synthetic table made by anything.")
        {
            train, holdout, synthetic, target, policy, output, seed,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var request = new EvaluationRequest(
                    parseResult.GetValue(train)!.FullName,
                    parseResult.GetValue(holdout)!.FullName,
                    parseResult.GetValue(synthetic)!.FullName,
                    parseResult.GetValue(target),
                    parseResult.GetValue(policy)!,
                    parseResult.GetValue(seed));
                await Console.Error.WriteLineAsync("evaluating: privacy gate, then quality metrics ...");
                var report = await SyntheticTableEvaluation.EvaluateFilesAsync(request, cancellationToken: cancellationToken);
                var folder = parseResult.GetValue(output)!.FullName;
                await ReportFiles.WriteAsync(report, folder, cancellationToken);
                await Console.Out.WriteLineAsync($"{ReportJsonWriter.VerdictText(report.Verdict.Verdict)}: {string.Join(" ", report.Verdict.Reasons)}");
                await Console.Out.WriteLineAsync($"reports: {Path.Combine(folder, ReportFiles.JsonName)}, {Path.Combine(folder, ReportFiles.HtmlName)}");
                return report.Verdict.Verdict == GateVerdict.Pass ? ExitCodes.Released : ExitCodes.Rejected;
            }
            catch (BadInputException e)
            {
                // Handled here: System.CommandLine's default exception handler catches it before Program.cs can.
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
