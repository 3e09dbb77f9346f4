using PredLlm.Synth.Privacy;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Job;

/// <summary>The gate's white-box view of a trained table model (P4): each row's negative log-likelihood.</summary>
internal sealed class TableModelLikelihood(TableModel model) : IRowLikelihood
{
    public IReadOnlyList<double> NegativeLogLikelihoods(Table rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // The gate passes real rows with every column; the model knows only the columns it was trained on, coded.
        return RowLikelihood.NegativeLogLikelihoods(model, model.Coding.Collapse(rows), cancellationToken: cancellationToken);
    }
}
