using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// Sequences packed for next-token prediction: inputs are every token but the last, targets every token but
/// the first, both padded to the batch's longest sequence. Padded target positions hold
/// <see cref="IgnoredTarget"/>, which the loss skips, and weigh nothing.
/// </summary>
internal sealed class TokenBatch
{
    /// <summary>The target value cross-entropy ignores (PyTorch's default ignore_index).</summary>
    public const long IgnoredTarget = -100;

    private readonly long[] inputs;
    private readonly long[] targets;
    private readonly float[] weights;
    private readonly int rows;
    private readonly int columns;

    /// <summary>Packs <paramref name="sequences"/> with every predicted token weighing one.</summary>
    public TokenBatch(IReadOnlyList<int[]> sequences, int padId)
        : this(sequences, padId, sequence => sequence.Length, 1f)
    {
    }

    /// <summary>
    /// Packs <paramref name="sequences"/>; predicting a token at or after <paramref name="targetStart"/> of its
    /// sequence weighs <paramref name="targetWeight"/>, any other token one.
    /// </summary>
    public TokenBatch(IReadOnlyList<int[]> sequences, int padId, Func<int[], int> targetStart, float targetWeight)
    {
        rows = sequences.Count;
        columns = sequences.Max(sequence => sequence.Length) - 1;
        inputs = new long[rows * columns];
        targets = new long[rows * columns];
        weights = new float[rows * columns];
        Array.Fill(inputs, padId);
        Array.Fill(targets, IgnoredTarget);
        for (var row = 0; row < rows; row++)
        {
            var sequence = sequences[row];
            var weightedFrom = targetStart(sequence);
            for (var column = 0; column < sequence.Length - 1; column++)
            {
                inputs[row * columns + column] = sequence[column];
                targets[row * columns + column] = sequence[column + 1];
                weights[row * columns + column] = column + 1 >= weightedFrom ? targetWeight : 1f;
            }
            PredictedTokens += sequence.Length - 1;
        }
        TotalWeight = weights.Sum(weight => (double)weight);
    }

    /// <summary>Tokens that count in the loss (padding excluded).</summary>
    public int PredictedTokens { get; }

    /// <summary>The predicted tokens' weights added up: the loss's denominator.</summary>
    public double TotalWeight { get; }

    public (Tensor Inputs, Tensor Targets) ToTensors(Device device) =>
        (tensor(inputs, device: device).view(rows, columns), tensor(targets, device: device).view(rows, columns));

    /// <summary>Each predicted token's weight [rows, columns]; padding weighs zero.</summary>
    public Tensor Weights(Device device) => tensor(weights, device: device).view(rows, columns);
}
