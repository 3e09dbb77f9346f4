using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>Options of <see cref="DownstreamEvaluation.TrainAndScore"/>.</summary>
/// <param name="Task">Classification or regression; by default decided from the scoring table's target column.</param>
/// <param name="RequiredClasses">Classes the training table must hold or score 0; by default the scoring table's classes.</param>
/// <param name="BootstrapReplicates">Resamples of the scored rows behind the 95% intervals (0: no interval).</param>
public sealed record DownstreamOptions(int Seed = 0, PredictionTask? Task = null, IReadOnlyCollection<string>? RequiredClasses = null, int BootstrapReplicates = 200);

/// <summary>
/// "Train a gradient-boosted model on table A, score it on table B": the building block of ML efficacy
/// and of the paper's benchmark protocol. Every other column of the training table is a feature; rows
/// whose target is null are left out of both sides.
/// </summary>
public static class DownstreamEvaluation
{
    public static DownstreamScore TrainAndScore(Table trainOn, Table scoreOn, string target, DownstreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainOn);
        ArgumentNullException.ThrowIfNull(scoreOn);
        options ??= new DownstreamOptions();
        var resolved = DownstreamTarget.Resolve(target, scoreOn, options.Task, trainOn);
        if (trainOn.IndexOf(target) < 0)
        {
            throw new BadInputException($"The training table has no target column '{target}'.");
        }

        var required = options.RequiredClasses ?? [.. DownstreamTarget.Labels(scoreOn, target)];
        var features = trainOn.Columns.Select(column => column.Name).Where(name => name != target).ToArray();
        var predictions = DownstreamModel.TrainAndPredict(trainOn, scoreOn, resolved, features, required, options.Seed);
        var bootstrap = new Bootstrap(options.BootstrapReplicates, options.Seed);
        return Score([predictions], bootstrap, stream: 0)[0];
    }

    /// <summary>
    /// Scores several models' predictions of the same rows under shared resamples. Returns one score
    /// per model, then (when two are given) their gap, first minus second, with its paired interval.
    /// </summary>
    internal static DownstreamScore[] Score(IReadOnlyList<DownstreamPredictions> models, Bootstrap bootstrap, int stream)
    {
        var task = models[0].Task;
        var names = DownstreamMetrics.For(task);
        var perModel = names.Count;
        var withGap = models.Count == 2;
        var outputs = bootstrap.Run([models[0].Rows], (perModel * models.Count) + (withGap ? perModel : 0), stream, (weights, output) =>
        {
            for (var m = 0; m < models.Count; m++)
            {
                models[m].Score(weights[0], output.AsSpan(m * perModel, perModel));
            }

            if (withGap)
            {
                for (var i = 0; i < perModel; i++)
                {
                    output[(2 * perModel) + i] = output[i] - output[perModel + i];
                }
            }
        });

        var scores = models.Select((model, m) => new DownstreamScore(task, Named(names, outputs, m * perModel), model.MissingClasses));
        return withGap
            ? [.. scores, new DownstreamScore(task, Named(names, outputs, 2 * perModel), 0)]
            : [.. scores];
    }

    private static NamedEstimate[] Named(IReadOnlyList<string> names, Estimate[] outputs, int at) =>
        [.. names.Select((name, i) => new NamedEstimate(name, outputs[at + i]))];
}
