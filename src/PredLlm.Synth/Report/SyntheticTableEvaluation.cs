using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Report;

/// <summary>What <c>predllm evaluate</c> is asked: three table files, and how to judge them.</summary>
/// <param name="Target">Target column; null for the policy's, else the last column.</param>
/// <param name="Policy">A policy file, or a built-in policy's name.</param>
/// <param name="Seed">Seeds the gate's and the quality evaluation's samples and bootstraps.</param>
public sealed record EvaluationRequest(string TrainPath, string HoldoutPath, string SyntheticPath, string? Target = null, string Policy = "default", int Seed = 0);

/// <summary>
/// Judges a synthetic table made by anything (our model, another tool, a planted copy) against the
/// real train split and holdout: the privacy gate and the quality evaluation, the policy's quality
/// floors, the verdict, and the report of it all. The table did not come from our model, so the gate's
/// white-box test runs only as the policy allows for such tables.
/// </summary>
public static class SyntheticTableEvaluation
{
    public static async Task<EvaluationReport> EvaluateFilesAsync(EvaluationRequest request, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        clock ??= TimeProvider.System;
        var timings = new StageTimings();
        var policy = PolicyLoader.Load(request.Policy);
        var started = clock.GetTimestamp();
        var train = await TableReader.ReadAsync(request.TrainPath, TableLimits.Default, cancellationToken).ConfigureAwait(false);
        var holdout = await TableReader.ReadAsync(request.HoldoutPath, TableLimits.Default, cancellationToken).ConfigureAwait(false);
        var synthetic = await TableReader.ReadAsync(request.SyntheticPath, TableLimits.Default, cancellationToken).ConfigureAwait(false);
        InputFingerprint[] inputs =
        [
            await InputFingerprint.OfFileAsync("train", request.TrainPath, train, cancellationToken).ConfigureAwait(false),
            await InputFingerprint.OfFileAsync("holdout", request.HoldoutPath, holdout, cancellationToken).ConfigureAwait(false),
            await InputFingerprint.OfFileAsync("synthetic", request.SyntheticPath, synthetic, cancellationToken).ConfigureAwait(false),
        ];
        timings.Record("read", clock.GetElapsedTime(started));

        var target = request.Target ?? policy.Target ?? train.Columns[^1].Name;
        if (train.IndexOf(target) < 0)
        {
            throw new BadInputException($"The target column '{target}' is not in the train table.");
        }

        var identifiers = timings.Measure("schema", () => TableSchema.Infer(train).Columns
            .Where(column => column.Kind == ColumnKind.IdentifierLike)
            .Select(column => column.Name)
            .ToArray());
        var gateInputs = new GateInputs(train, holdout, synthetic) { IdentifierColumns = identifiers, Target = target, Seed = request.Seed };
        var gate = timings.Measure("privacy", () => ReleaseGate.Decide(policy, [ReleaseGate.Evaluate(gateInputs, policy, settings: null, cancellationToken)]));
        var quality = QualityEvaluator.Evaluate(train, holdout, synthetic, new QualityOptions(target, Seed: request.Seed), timings);
        var floors = QualityFloors.Check(quality, policy.Quality);

        var provenance = new Provenance(
            "Made elsewhere and evaluated by predllm evaluate: no model of ours took part, so nothing is known of how it was made.",
            [
                new ProvenanceItem("synthetic file", Path.GetFileName(request.SyntheticPath)),
                new ProvenanceItem("target column", target),
                new ProvenanceItem("prediction task", quality.MlEfficacy.Task.ToString().ToLowerInvariant()),
            ]);
        return new EvaluationReport(
            Path.GetFileNameWithoutExtension(request.SyntheticPath),
            clock.GetUtcNow(),
            ReleaseVerdict.Of(gate, floors),
            gate,
            quality,
            floors,
            policy,
            inputs,
            [new ReportSeed("privacy", request.Seed), new ReportSeed("quality", request.Seed)],
            provenance,
            timings.Stages);
    }
}
