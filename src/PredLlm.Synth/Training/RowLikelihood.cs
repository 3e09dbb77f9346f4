using PredLlm.Synth.Tables;
using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// How likely a trained table model finds given rows: the negative log-likelihood (nats) of each row written
/// in the label-query layout (features in table order, target last). Rows the model memorised score low,
/// which is what the white-box membership test looks for.
/// </summary>
public static class RowLikelihood
{
    public static double[] NegativeLogLikelihoods(TableModel model, Table rows, int batchSize = 128, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new double[rows.RowCount];
        ReadInLabelQueryLayout(model, rows, batchSize, (start, sequences, logits, targets) =>
        {
            var tokenLosses = nn.functional.cross_entropy(
                logits.flatten(0, 1), targets.flatten(), ignore_index: TokenBatch.IgnoredTarget, reduction: nn.Reduction.None);
            tokenLosses.view(sequences.Length, -1).sum(1).to_type(ScalarType.Float64).data<double>().ToArray().CopyTo(result, start);
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="rows"/>, written in the label-query layout, through the model a batch at a time, without
    /// gradients. <paramref name="read"/> gets the index of the batch's first row, its token sequences, the logits
    /// [rows, time, vocabulary] (position t predicts token t + 1) and the targets [rows, time] (padding marked
    /// <see cref="TokenBatch.IgnoredTarget"/>); the tensors are disposed after the call.
    /// </summary>
    internal static void ReadInLabelQueryLayout(
        TableModel model, Table rows, int batchSize, Action<int, int[][], Tensor, Tensor> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(read);
        var order = PredLlmCorpus.TableOrderTargetLast(rows.ColumnCount, model.Target);
        var sequences = PredLlmCorpus.RowValues(rows).Select(values => model.Tokenizer.Encode(values, order)).ToArray();
        model.Model.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < sequences.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = sequences.AsSpan(start, Math.Min(batchSize, sequences.Length - start)).ToArray();
            var (inputs, targets) = new TokenBatch(batch, Tokens.Vocabulary.Pad).ToTensors(CPU);
            read(start, batch, model.Model.call(inputs), targets);
        }
    }
}
