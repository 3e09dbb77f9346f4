using System.Text;
using System.Text.Json;
using PredLlm.Synth.Job;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>
/// A double for the pipeline (storage is never doubled): it reads the input it was given and acts on it.
/// A file that does not start with the Parquet magic bytes is bad input; otherwise the word after the
/// magic bytes is the script: <c>release</c>, <c>reject</c>, <c>fail</c> (an internal error) or
/// <c>hang-once</c> (the first try of a run blocks until cancelled, as a long job would; later tries release).
/// </summary>
public sealed class ScriptedJob(JobLedger ledger, string replica) : ISynthesisJob
{
    public async Task<SynthesisVerdict> RunAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        var invocation = ledger.Begin(request, replica);
        try
        {
            var verdict = await ActAsync(request, invocation, cancellationToken);
            invocation.End(verdict.ToString());
            return verdict;
        }
        catch (OperationCanceledException)
        {
            invocation.End("cancelled");
            throw;
        }
        catch (Exception e)
        {
            invocation.End(e.GetType().Name);
            throw;
        }
    }

    private static async Task<SynthesisVerdict> ActAsync(SynthesisRequest request, JobInvocation invocation, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(request.InputPath, cancellationToken);
        if (!bytes.AsSpan().StartsWith(TestInputs.ParquetMagic))
        {
            throw new BadInputException("The file is not a Parquet table: it does not start with the magic bytes PAR1.");
        }

        var script = Encoding.ASCII.GetString(bytes, TestInputs.ParquetMagic.Length, bytes.Length - TestInputs.ParquetMagic.Length).Split('\n')[0];
        switch (script)
        {
            case "hang-once" when invocation.AttemptOfRun == 1:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable: an infinite delay ended");
            case "fail":
                throw new InvalidOperationException("scripted internal failure");
            case "reject":
                await WriteReportsAsync(request, "rejected", cancellationToken);
                return SynthesisVerdict.Rejected;
            default:
                File.Copy(request.InputPath, Path.Combine(request.OutputDirectory, SynthesisOutputs.SyntheticTable));
                await WriteReportsAsync(request, "released", cancellationToken);
                return SynthesisVerdict.Released;
        }
    }

    private static async Task WriteReportsAsync(SynthesisRequest request, string verdict, CancellationToken cancellationToken)
    {
        var report = new ScriptedReport(request.TableName, request.RunId, verdict, request.Options.TargetColumn, request.Options.PolicyName);
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, SynthesisOutputs.ReportJson), JsonSerializer.Serialize(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, SynthesisOutputs.ReportHtml), $"<html><body>{verdict}</body></html>", cancellationToken);
    }
}

/// <summary>What the scripted job writes as report.json, so tests can see what the job was asked.</summary>
public sealed record ScriptedReport(string Table, string Run, string Verdict, string? Target, string? Policy);
