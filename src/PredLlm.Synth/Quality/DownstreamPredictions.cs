using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// A model's predictions for the rows of a scoring table that have a target value, and the
/// downstream metrics they give under any row weights (all ones, or a bootstrap resample).
/// </summary>
internal sealed class DownstreamPredictions
{
    private readonly int[] _trueClass = [];
    private readonly int[] _predictedClass = [];
    private readonly RocAuc[] _classAuc = [];
    private readonly double[] _trueValue = [];
    private readonly double[] _predictedValue = [];

    /// <summary>Classification: <paramref name="classScores"/>[row][class] over the target's class list.</summary>
    public DownstreamPredictions(int[] trueClass, double[][] classScores, int classCount, int missingClasses)
    {
        Task = PredictionTask.Classification;
        MissingClasses = missingClasses;
        _trueClass = trueClass;
        _predictedClass = [.. classScores.Select(ArgMax)];
        // Binary: the AUC of the second class; more classes: one AUC per class against the rest, averaged.
        var auc = classCount == 2 ? [1] : Enumerable.Range(0, classCount);
        _classAuc = [.. auc.Select(c => new RocAuc([.. classScores.Select(scores => scores[c])], [.. trueClass.Select(label => label == c)]))];
        ClassCount = classCount;
    }

    /// <summary>Regression.</summary>
    public DownstreamPredictions(double[] trueValue, double[] predictedValue)
    {
        Task = PredictionTask.Regression;
        _trueValue = trueValue;
        _predictedValue = predictedValue;
    }

    public PredictionTask Task { get; }

    public int MissingClasses { get; }

    public int ClassCount { get; }

    public int Rows => Task == PredictionTask.Classification ? _trueClass.Length : _trueValue.Length;

    public int MetricCount => DownstreamMetrics.For(Task).Count;

    /// <summary>Writes the metrics in <see cref="DownstreamMetrics.For"/> order; all 0 when the model lacked classes.</summary>
    public void Score(ReadOnlySpan<int> weights, Span<double> output)
    {
        if (Task == PredictionTask.Regression)
        {
            ScoreRegression(weights, output);
        }
        else if (MissingClasses > 0)
        {
            output[..MetricCount].Clear();
        }
        else
        {
            ScoreClassification(weights, output);
        }
    }

    private void ScoreClassification(ReadOnlySpan<int> weights, Span<double> output)
    {
        var truePositive = new double[ClassCount];
        var trueCount = new double[ClassCount];
        var predictedCount = new double[ClassCount];
        double total = 0, correct = 0;
        for (var row = 0; row < _trueClass.Length; row++)
        {
            var w = weights[row];
            total += w;
            trueCount[_trueClass[row]] += w;
            predictedCount[_predictedClass[row]] += w;
            if (_trueClass[row] == _predictedClass[row])
            {
                correct += w;
                truePositive[_trueClass[row]] += w;
            }
        }

        // Macro F1 over the classes that occur in the truth or the predictions (scikit-learn's convention).
        double f1Sum = 0;
        var f1Classes = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            if (trueCount[c] + predictedCount[c] > 0)
            {
                f1Sum += 2 * truePositive[c] / (trueCount[c] + predictedCount[c]);
                f1Classes++;
            }
        }

        var aucs = new double[_classAuc.Length];
        for (var c = 0; c < aucs.Length; c++)
        {
            aucs[c] = _classAuc[c].Compute(weights);
        }

        output[0] = correct / total;
        output[1] = f1Sum / f1Classes;
        output[2] = WeightedTally.MeanOfDefined(aucs);
    }

    private void ScoreRegression(ReadOnlySpan<int> weights, Span<double> output)
    {
        double total = 0, sum = 0;
        for (var row = 0; row < _trueValue.Length; row++)
        {
            total += weights[row];
            sum += weights[row] * _trueValue[row];
        }

        var mean = sum / total;
        double squaredError = 0, squaredSpread = 0;
        for (var row = 0; row < _trueValue.Length; row++)
        {
            var error = _trueValue[row] - _predictedValue[row];
            var spread = _trueValue[row] - mean;
            squaredError += weights[row] * error * error;
            squaredSpread += weights[row] * spread * spread;
        }

        output[0] = squaredSpread > 0 ? 1 - (squaredError / squaredSpread) : double.NaN;
        output[1] = squaredError / total;
    }

    private static int ArgMax(double[] scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }
}
