using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// Sequences packed for next-token prediction: inputs are every token but the last, targets every token but
/// the first, both padded to the batch's longest sequence. Padded target positions hold
/// <see cref="IgnoredTarget"/>, which the loss skips.
/// </summary>
internal sealed class TokenBatch
{
    /// <summary>The target value cross-entropy ignores (PyTorch's default ignore_index).</summary>
    public const long IgnoredTarget = -100;

    private readonly long[] inputs;
    private readonly long[] targets;
    private readonly int rows;
    private readonly int columns;

    public TokenBatch(IReadOnlyList<int[]> sequences, int padId)
    {
        rows = sequences.Count;
        columns = sequences.Max(sequence => sequence.Length) - 1;
        inputs = new long[rows * columns];
        targets = new long[rows * columns];
        Array.Fill(inputs, padId);
        Array.Fill(targets, IgnoredTarget);
        for (var row = 0; row < rows; row++)
        {
            var sequence = sequences[row];
            for (var column = 0; column < sequence.Length - 1; column++)
            {
                inputs[row * columns + column] = sequence[column];
                targets[row * columns + column] = sequence[column + 1];
            }
            PredictedTokens += sequence.Length - 1;
        }
    }

    /// <summary>Tokens that count in the loss (padding excluded).</summary>
    public int PredictedTokens { get; }

    public (Tensor Inputs, Tensor Targets) ToTensors(Device device) =>
        (tensor(inputs, device: device).view(rows, columns), tensor(targets, device: device).view(rows, columns));
}
