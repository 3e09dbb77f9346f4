using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Baselines;

/// <summary>
/// The most used classical synthesizer: every column is turned into normal scores through its empirical
/// marginal (<see cref="RankOrder"/>), the scores' correlation matrix is estimated, and new rows are drawn
/// from that multivariate normal and mapped back through each marginal. Keeps marginals and linear
/// (rank) relations; misses anything a correlation cannot express.
/// </summary>
public sealed class GaussianCopula : ISynthesizer
{
    public string Name => "Gaussian copula";

    public Table Generate(Table train, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var marginals = train.Columns.Select(RankOrder.Fit).ToArray();
        var scores = marginals.Select(m => m.MidQuantileOfRow.Select(StandardNormal.Quantile).ToArray()).ToArray();
        var cholesky = CholeskyOfCorrelation(scores);

        var random = new Random(seed);
        var m = marginals.Length;
        var picks = new int[m][];
        for (var c = 0; c < m; c++)
        {
            picks[c] = new int[rows];
        }
        var independent = new double[m];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < m; c++)
            {
                independent[c] = StandardNormal.Sample(random);
            }
            for (var c = 0; c < m; c++)
            {
                var z = 0.0;
                for (var k = 0; k <= c; k++)
                {
                    z += cholesky[c, k] * independent[k];
                }
                picks[c][r] = marginals[c].RowAt(StandardNormal.Cdf(z), random.NextDouble());
            }
        }
        return new Table(train.Columns.Select((column, c) => column.TakeRows(picks[c])));
    }

    private static double[,] CholeskyOfCorrelation(double[][] scores)
    {
        var m = scores.Length;
        var correlation = new double[m, m];
        var norms = scores.Select(s => Math.Sqrt(s.Sum(v => v * v))).ToArray();
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var dot = 0.0;
                for (var r = 0; r < scores[i].Length; r++)
                {
                    dot += scores[i][r] * scores[j][r];
                }
                // A constant column has zero scores: it correlates with nothing.
                var value = i == j ? 1 : norms[i] * norms[j] > 0 ? dot / (norms[i] * norms[j]) : 0;
                correlation[i, j] = correlation[j, i] = value;
            }
        }
        for (var jitter = 1e-9; ; jitter *= 10)
        {
            if (TryCholesky(correlation, jitter, out var lower))
            {
                return lower;
            }
        }
    }

    private static bool TryCholesky(double[,] matrix, double jitter, out double[,] lower)
    {
        var m = matrix.GetLength(0);
        lower = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j] + (i == j ? jitter : 0);
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }
                if (i == j)
                {
                    if (sum <= 0)
                    {
                        return false;
                    }
                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }
        return true;
    }
}
