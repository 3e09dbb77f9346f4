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
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var order = PredLlmCorpus.TableOrderTargetLast(rows.ColumnCount, model.Target);
        var sequences = PredLlmCorpus.RowValues(rows).Select(values => model.Tokenizer.Encode(values, order)).ToArray();
        var result = new double[sequences.Length];
        model.Model.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < sequences.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, sequences.Length - start);
            var batch = new TokenBatch(sequences.AsSpan(start, count).ToArray(), Tokens.Vocabulary.Pad);
            var (inputs, targets) = batch.ToTensors(CPU);
            var logits = model.Model.call(inputs);
            var tokenLosses = nn.functional.cross_entropy(
                logits.flatten(0, 1), targets.flatten(), ignore_index: TokenBatch.IgnoredTarget, reduction: nn.Reduction.None);
            var perRow = tokenLosses.view(count, -1).sum(1).to_type(ScalarType.Float64).data<double>().ToArray();
            perRow.CopyTo(result, start);
        }
        return result;
    }
}
