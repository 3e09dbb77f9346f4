using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// Sequences packed for next-token prediction: inputs are every token but the last, targets every token but
/// the first, both padded to the batch's longest sequence. Padded target positions hold
/// <see cref="IgnoredTarget"/>, which the loss skips. Each predicted token is marked as part of its row's
/// target value or not, so the loss can give the target a share of its own.
/// </summary>
internal sealed class TokenBatch
{
    /// <summary>The target value cross-entropy ignores (PyTorch's default ignore_index).</summary>
    public const long IgnoredTarget = -100;

    private readonly long[] inputs;
    private readonly long[] targets;
    private readonly float[] isTargetValue;
    private readonly int rows;
    private readonly int columns;

    /// <summary>Packs <paramref name="sequences"/>, none of which has a target.</summary>
    public TokenBatch(IReadOnlyList<int[]> sequences, int padId)
        : this(sequences, padId, sequence => sequence.Length)
    {
    }

    /// <summary>
    /// Packs <paramref name="sequences"/>; predicting a token at or after index <paramref name="targetStart"/>
    /// of its sequence (the target's value, then the end) counts as predicting the target.
    /// </summary>
    public TokenBatch(IReadOnlyList<int[]> sequences, int padId, Func<int[], int> targetStart)
    {
        rows = sequences.Count;
        columns = sequences.Max(sequence => sequence.Length) - 1;
        inputs = new long[rows * columns];
        targets = new long[rows * columns];
        isTargetValue = new float[rows * columns];
        Array.Fill(inputs, padId);
        Array.Fill(targets, IgnoredTarget);
        for (var row = 0; row < rows; row++)
        {
            var sequence = sequences[row];
            var start = targetStart(sequence);
            for (var column = 0; column < sequence.Length - 1; column++)
            {
                inputs[row * columns + column] = sequence[column];
                targets[row * columns + column] = sequence[column + 1];
                if (column + 1 >= start)
                {
                    isTargetValue[row * columns + column] = 1;
                    TargetTokens++;
                }
            }
            PredictedTokens += sequence.Length - 1;
        }
    }

    /// <summary>Tokens that count in the loss (padding excluded).</summary>
    public int PredictedTokens { get; }

    /// <summary>Predicted tokens that belong to a target value (its end included).</summary>
    public int TargetTokens { get; }

    public (Tensor Inputs, Tensor Targets) ToTensors(Device device) =>
        (tensor(inputs, device: device).view(rows, columns), tensor(targets, device: device).view(rows, columns));

    /// <summary>1 where the predicted token belongs to a target value, 0 elsewhere and on padding [rows, columns].</summary>
    public Tensor TargetMask(Device device) => tensor(isTargetValue, device: device).view(rows, columns);

    /// <summary>Each predicted token's weight in this batch's loss under <paramref name="mix"/>, 0 on padding [rows, columns].</summary>
    public Tensor LossWeights(LossMix mix, Device device)
    {
        var weights = new float[isTargetValue.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = targets[i] == IgnoredTarget ? 0f : (float)(isTargetValue[i] > 0 ? mix.PerTargetToken : mix.PerOtherToken);
        }
        return tensor(weights, device: device).view(rows, columns);
    }
}
