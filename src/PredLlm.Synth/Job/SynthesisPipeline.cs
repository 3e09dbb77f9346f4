using System.Diagnostics;
using PredLlm.Synth.Generation;
using PredLlm.Synth.Model;
using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;
using PredLlm.Synth.Report;
using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Job;

/// <summary>Settings of the pipeline that are not the policy's: the seed and, for the CLI, a row count.</summary>
/// <param name="Seed">Seeds the split, training, sampling and every statistic: same input, policy and seed, same output.</param>
/// <param name="Rows">Synthetic rows to make; null for as many as the input has.</param>
public sealed record PipelineSettings(int Seed = 0, int? Rows = null);

/// <summary>
/// One table end to end (DESIGN.md, "Pipeline of one table"): read and validate, infer the schema, set
/// identifier-like columns aside as the policy says, split, train a Pred-LLM model on the train split,
/// generate, put the synthetic table through the release gate (retraining more conservatively on a
/// rejection, as the policy allows), evaluate quality, and write the reports — and the synthetic table
/// only when the verdict is to release it.
/// </summary>
public sealed class SynthesisPipeline(PipelineSettings settings, IPipelineObserver observer) : ISynthesisJob
{
    public async Task<SynthesisVerdict> RunAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timings = new StageTimings();
        var policy = PolicyLoader.Load(request.Options.PolicyName ?? "default");
        var limits = new TableLimits { MaxRows = policy.Limits.MaxRows, MaxColumns = policy.Limits.MaxColumns, MaxBytes = policy.Limits.MaxFileBytes };

        var table = await Stage(timings, "read", () => TableReader.ReadAsync(request.InputPath, limits, cancellationToken)).ConfigureAwait(false);
        var schema = await Stage(timings, "schema", () => Task.FromResult(TableSchema.Infer(table))).ConfigureAwait(false);
        var target = TargetOf(table, request.Options, policy);
        var identifiers = schema.Columns.Where(column => column.Kind == ColumnKind.IdentifierLike && column.Name != target)
            .Select(column => column.Name).ToArray();
        var treatment = IdentifierTreatment.Prepare(table, identifiers, policy.Identifiers.Handling);
        var split = await Stage(timings, "split", () => Task.FromResult(
            StratifiedSplitter.Split(table, target, new SplitPlan(), settings.Seed))).ConfigureAwait(false);
        var modelColumns = treatment.ModelTable.Columns.Select(column => column.Name).ToArray();
        var modelTrain = split.Train.SelectColumns(modelColumns);
        var modelValidation = split.Validation.SelectColumns(modelColumns);
        var rows = settings.Rows ?? table.RowCount;

        TableModel? model = null;
        Table? synthetic = null;
        try
        {
            var decision = await ReleaseAttempts.RunAsync(policy, async (attempt, token) =>
            {
                model?.Dispose();
                model = await Stage(timings, $"train (attempt {attempt.Number})", () => Task.Run(() =>
                    TableModelTrainer.Train(modelTrain, modelValidation, target, TrainingOptionsFor(policy, attempt), observer.TrainingProgressed, token), token)).ConfigureAwait(false);
                var generator = new TableGenerator(model, modelTrain, new GenerationOptions(attempt.SamplingTemperature));
                var generated = await Stage(timings, $"generate (attempt {attempt.Number})", () => Task.Run(() =>
                    generator.Generate(rows, settings.Seed, done => observer.RowsGenerated(done, rows), token), token)).ConfigureAwait(false);
                synthetic = treatment.Restore(generated.Table, settings.Seed);
                observer.StageStarted($"gate (attempt {attempt.Number})");
                return new GateInputs(split.Train, split.Holdout, synthetic)
                {
                    IdentifierColumns = identifiers,
                    Target = target,
                    Model = new TableModelLikelihood(model),
                    ModelRequired = true,
                    Seed = settings.Seed,
                };
            }, cancellationToken).ConfigureAwait(false);

            var quality = await Stage(timings, "quality", () => Task.Run(() => QualityEvaluator.Evaluate(
                split.Train, split.Holdout, synthetic!, new QualityOptions(target, Seed: settings.Seed), timings), cancellationToken)).ConfigureAwait(false);
            var floors = QualityFloors.Check(quality, policy.Quality);
            var verdict = ReleaseVerdict.Of(decision, floors);
            var released = verdict.Verdict == GateVerdict.Pass;
            if (released)
            {
                await Stage(timings, "write", () => ParquetTableWriter.WriteAsync(
                    synthetic!, Path.Combine(request.OutputDirectory, SynthesisOutputs.SyntheticTable), cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            var report = new EvaluationReport(
                request.TableName,
                DateTimeOffset.UtcNow,
                verdict,
                decision,
                quality,
                floors,
                policy,
                [await InputFingerprint.OfFileAsync("input", request.InputPath, table, cancellationToken).ConfigureAwait(false)],
                [new ReportSeed("split, training, sampling, statistics", settings.Seed)],
                Provenance(model!, table, rows, treatment),
                timings.Stages);
            await ReportFiles.WriteAsync(report, request.OutputDirectory, cancellationToken).ConfigureAwait(false);
            return released ? SynthesisVerdict.Released : SynthesisVerdict.Rejected;
        }
        finally
        {
            model?.Dispose();
        }
    }

    /// <summary>The request's target, else the policy's, else the last column.</summary>
    private static string TargetOf(Table table, TableOptions options, Policy policy)
    {
        var target = options.TargetColumn ?? policy.Target ?? table[table.ColumnCount - 1].Name;
        return table.TryGetColumn(target, out _)
            ? target
            : throw new BadInputException($"The target column '{target}' is not in the table (it has {table.ColumnCount} columns).");
    }

    /// <summary>The policy's training budget, scaled down for a retry after a rejection.</summary>
    private TableTrainingOptions TrainingOptionsFor(Policy policy, AttemptSettings attempt) => new()
    {
        Training = new TrainingOptions
        {
            Seed = settings.Seed,
            Budget = new TrainingBudget(
                MaxEpochs: Math.Max(1, (int)Math.Round(policy.Training.MaxEpochs * attempt.EpochScale)),
                MaxDuration: TimeSpan.FromMinutes(policy.Training.MaxMinutes * attempt.EpochScale)),
            Patience = policy.Training.EarlyStoppingPatience,
            TargetLossShare = policy.Training.TargetLossShare,
        },
        Size = ModelSizeBounds.Default with { ParametersPerToken = ModelSizeBounds.Default.ParametersPerToken * attempt.CapacityScale },
    };

    private static Provenance Provenance(TableModel model, Table table, int rows, IdentifierTreatment treatment)
    {
        var config = model.Model.Config;
        var training = model.Training;
        return new Provenance("predllm synth (Pred-LLM, trained from scratch on this table)",
        [
            new ProvenanceItem("model", FormattableString.Invariant($"GPT decoder, {config.Layers} layers x {config.Width} wide, {model.Model.ParameterCount} parameters, context {config.ContextLength}")),
            new ProvenanceItem("vocabulary", FormattableString.Invariant($"{model.Vocabulary.Count} tokens ({Tokens.Vocabulary.Encoding} ids seen in training, one per column name, specials)")),
            new ProvenanceItem("training", FormattableString.Invariant($"{training.Epochs} epochs, {training.Steps} steps, stopped by {training.StopReason}, best epoch {training.BestEpoch}, {training.TokensPerSecond:F0} tokens/s")),
            new ProvenanceItem("sampling", "feature-conditional sampling, prompt-based label querying, decoding constrained by the schema"),
            new ProvenanceItem("rows", FormattableString.Invariant($"{rows} synthetic rows from a table of {table.RowCount} rows and {table.ColumnCount} columns")),
            new ProvenanceItem("identifier-like columns", treatment.Columns.Count == 0 ? "none" : FormattableString.Invariant($"{treatment.Columns.Count}, handled by {treatment.Handling}")),
        ]);
    }

    private async Task<T> Stage<T>(StageTimings timings, string stage, Func<Task<T>> work)
    {
        observer.StageStarted(stage);
        var clock = Stopwatch.StartNew();
        var result = await work().ConfigureAwait(false);
        timings.Record(stage, clock.Elapsed);
        observer.StageFinished(stage, clock.Elapsed);
        return result;
    }

    private async Task Stage(StageTimings timings, string stage, Func<Task> work) =>
        await Stage(timings, stage, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
}
