using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace PredLlm.Synth.Quality;

/// <summary>
/// ML.NET FastTree gradient-boosted trees (the product's stand-in for the paper's XGBoost) on
/// encoded feature vectors: binary and one-vs-rest multiclass classifiers, and regressors. Seeded, so
/// the same data and seed give the same model.
/// </summary>
internal static class GradientBoostedTrees
{
    public const int Trees = 100;
    public const int Leaves = 20;

    /// <summary>
    /// Trains a classifier on <paramref name="labels"/> (0..classCount-1, every class present, at
    /// least two) and returns a scorer giving, per row, one score per class (higher = more likely).
    /// </summary>
    public static Func<float[][], double[][]> TrainClassifier(float[][] features, int[] labels, int classCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var ml = new MLContext(seed);
        var width = Width(features);
        if (classCount == 2)
        {
            var schema = Schema<BinaryRow>(width);
            var data = ml.Data.LoadFromEnumerable(features.Select((row, i) => new BinaryRow { Features = row, Label = labels[i] == 1 }), schema);
            var model = ml.BinaryClassification.Trainers.FastTree(Options<FastTreeBinaryTrainer.Options>(seed)).Fit(data);
            return rows =>
            {
                var scored = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(row => new BinaryRow { Features = row }), schema));
                return [.. scored.GetColumn<float>("Probability").Select(p => new[] { 1.0 - p, p })];
            };
        }

        var keySchema = Schema<ClassRow>(width);
        keySchema[nameof(ClassRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classCount);
        // LoadFromEnumerable takes a key column's values 0-based (class c is c, not c + 1).
        var keyed = ml.Data.LoadFromEnumerable(features.Select((row, i) => new ClassRow { Features = row, Label = (uint)labels[i] }), keySchema);
        var oneVersusRest = ml.MulticlassClassification.Trainers
            .OneVersusAll(ml.BinaryClassification.Trainers.FastTree(Options<FastTreeBinaryTrainer.Options>(seed)))
            .Fit(keyed);
        return rows =>
        {
            var scored = oneVersusRest.Transform(ml.Data.LoadFromEnumerable(rows.Select(row => new ClassRow { Features = row }), keySchema));
            return [.. scored.GetColumn<VBuffer<float>>("Score").Select(score => score.DenseValues().Select(value => (double)value).ToArray())];
        };
    }

    /// <summary>Trains a regressor and returns a scorer giving one predicted value per row.</summary>
    public static Func<float[][], double[]> TrainRegressor(float[][] features, float[] labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var ml = new MLContext(seed);
        var schema = Schema<ValueRow>(Width(features));
        var data = ml.Data.LoadFromEnumerable(features.Select((row, i) => new ValueRow { Features = row, Label = labels[i] }), schema);
        var model = ml.Regression.Trainers.FastTree(Options<FastTreeRegressionTrainer.Options>(seed)).Fit(data);
        return rows =>
        {
            var scored = model.Transform(ml.Data.LoadFromEnumerable(rows.Select(row => new ValueRow { Features = row }), schema));
            return [.. scored.GetColumn<float>("Score").Select(value => (double)value)];
        };
    }

    private static int Width(float[][] features) =>
        features.Length > 0 ? features[0].Length : throw new ArgumentException("Training needs at least one row.", nameof(features));

    private static TOptions Options<TOptions>(int seed)
        where TOptions : BoostedTreeOptions, new() => new()
        {
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            // Small tables (a few hundred rows) still get trees that split.
            MinimumExampleCountPerLeaf = 5,
            Seed = seed,
            FeatureSelectionSeed = seed,
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
        };

    private static SchemaDefinition Schema<TRow>(int width)
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class ClassRow
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }

    private sealed class ValueRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
