using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;
using static TorchSharp.torch;

namespace PredLlm.Synth.Generation;

/// <summary>
/// A per-column correction of the model's null probability, so each column's synthetic null rate matches the
/// train rate. On small tables the model's p(null) settles slowly: after 20 epochs on 810 rows it still put
/// 25% on null for a column with 22% nulls, while whether a value is null is exactly what users compare first.
/// The correction is one shift of the null log-odds per column, found on train rows: the shift that makes the
/// model's mean p(null) over those rows equal the column's train null rate. Only that intercept moves; how
/// nulls depend on the other values stays the model's.
/// </summary>
public sealed class NullCalibration
{
    private const int MaxRows = 2_000;
    private const int BatchSize = 128;
    private const double MaxShift = 4.0;
    private const double ProbabilityFloor = 1e-6;

    private readonly double[] shifts;

    private NullCalibration(double[] shifts) => this.shifts = shifts;

    /// <summary><paramref name="probability"/> of a null in <paramref name="column"/> after the correction.</summary>
    public double Apply(int column, double probability) =>
        shifts[column] == 0 ? probability : Sigmoid(LogOdds(probability) + shifts[column]);

    /// <summary>
    /// Fits the shifts on up to <see cref="MaxRows"/> train rows written in the label-query layout, reading the
    /// model's p(null) at the first value position of every nullable column.
    /// </summary>
    public static NullCalibration Fit(TableModel model, Table train)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        var shifts = new double[train.ColumnCount];
        var nullable = Enumerable.Range(0, train.ColumnCount).Where(column => train[column].NullCount > 0).ToArray();
        if (nullable.Length == 0 || train.RowCount == 0)
        {
            return new NullCalibration(shifts);
        }
        var count = Math.Min(MaxRows, train.RowCount);
        var rows = Enumerable.Range(0, count).Select(i => (int)((long)i * train.RowCount / count)).ToArray();
        var probabilities = NullProbabilities(model, train.TakeRows(rows), nullable);
        foreach (var column in nullable)
        {
            var rate = train[column].NullCount / (double)train.RowCount;
            shifts[column] = ShiftToMatch(probabilities[column], rate);
        }
        return new NullCalibration(shifts);
    }

    /// <summary>For each nullable column, the model's p(null) right after the column's name in each row.</summary>
    private static Dictionary<int, List<double>> NullProbabilities(TableModel model, Table rows, int[] nullable)
    {
        var result = nullable.ToDictionary(column => column, _ => new List<double>(rows.RowCount));
        RowLikelihood.ReadInLabelQueryLayout(model, rows, BatchSize, (_, sequences, logits, _) =>
        {
            var width = (int)logits.shape[1];
            var nulls = nn.functional.softmax(logits, -1)
                .select(-1, Tokens.Vocabulary.Null).to_type(ScalarType.Float64).data<double>().ToArray();
            for (var row = 0; row < sequences.Length; row++)
            {
                for (var position = 0; position < sequences[row].Length - 1; position++)
                {
                    var token = sequences[row][position];
                    // The logits at a column's name are the distribution of its value's first token.
                    if (model.Vocabulary.ColumnOfToken(token) is var column and >= 0 && result.TryGetValue(column, out var ofColumn))
                    {
                        ofColumn.Add(nulls[(row * width) + position]);
                    }
                }
            }
        });
        return result;
    }

    /// <summary>The log-odds shift that makes the mean corrected probability equal <paramref name="rate"/> (bisection; bounded).</summary>
    private static double ShiftToMatch(List<double> probabilities, double rate)
    {
        if (probabilities.Count == 0)
        {
            return 0;
        }
        var logOdds = probabilities.Select(LogOdds).ToArray();
        double low = -MaxShift, high = MaxShift;
        for (var step = 0; step < 50; step++)
        {
            var middle = (low + high) / 2;
            var mean = logOdds.Average(value => Sigmoid(value + middle));
            (low, high) = mean < rate ? (middle, high) : (low, middle);
        }
        return (low + high) / 2;
    }

    private static double LogOdds(double probability)
    {
        var p = Math.Clamp(probability, ProbabilityFloor, 1 - ProbabilityFloor);
        return Math.Log(p / (1 - p));
    }

    private static double Sigmoid(double logOdds) => 1 / (1 + Math.Exp(-logOdds));
}
