using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// Watches the validation loss epoch by epoch, keeps a copy of the weights of the best epoch (refreshed in
/// place, so no memory is allocated per epoch) and says when patience has run out.
/// </summary>
internal sealed class EarlyStopping : IDisposable
{
    private readonly (Parameter Live, Tensor Copy)[] weights;
    private readonly int patience;
    private int epochsWithoutImprovement;

    public EarlyStopping(nn.Module model, int patience)
    {
        this.patience = patience;
        using var noGrad = no_grad();
        weights = model.parameters()
            .Select(parameter => (parameter, parameter.detach().clone().DetachFromDisposeScope()))
            .ToArray();
    }

    /// <summary>The lowest validation loss seen; null when there is no validation set.</summary>
    public double? BestLoss { get; private set; }

    /// <summary>The epoch (from 1) of the kept weights; without a validation set, the latest epoch.</summary>
    public int BestEpoch { get; private set; }

    public bool PatienceRunOut => epochsWithoutImprovement >= patience;

    public void Observe(int epoch, double? validationLoss)
    {
        if (validationLoss is null)
        {
            BestEpoch = epoch;
            return;
        }
        if (BestLoss is null || validationLoss < BestLoss)
        {
            BestLoss = validationLoss;
            BestEpoch = epoch;
            epochsWithoutImprovement = 0;
            Copy(from: live => live.Live, to: pair => pair.Copy);
        }
        else
        {
            epochsWithoutImprovement++;
        }
    }

    /// <summary>Puts the best epoch's weights back into the model (nothing to do without a validation set).</summary>
    public void RestoreBest()
    {
        if (BestLoss is not null)
        {
            Copy(from: pair => pair.Copy, to: pair => pair.Live);
        }
    }

    public void Dispose()
    {
        foreach (var (_, copy) in weights)
        {
            copy.Dispose();
        }
    }

    private void Copy(Func<(Parameter Live, Tensor Copy), Tensor> from, Func<(Parameter Live, Tensor Copy), Tensor> to)
    {
        using var noGrad = no_grad();
        foreach (var pair in weights)
        {
            to(pair).copy_(from(pair));
        }
    }
}
