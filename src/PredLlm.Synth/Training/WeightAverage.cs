using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// An exponential moving average of a model's weights, updated after every optimiser step, that can stand in
/// for the live weights while they are validated and kept. Averaging over the last steps smooths out where
/// the last few batches happened to push the weights, so a model trained on a few hundred rows depends less
/// on its seed and on when it was stopped.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly (Parameter Live, Tensor Average, Tensor Stash)[] weights;
    private readonly double decay;
    private long updates;
    private bool swappedIn;

    /// <param name="model">The model whose weights are averaged.</param>
    /// <param name="halfLifeSteps">Steps after which an update's weight in the average has halved.</param>
    public WeightAverage(nn.Module model, double halfLifeSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeSteps);
        decay = Math.Pow(0.5, 1 / halfLifeSteps);
        using var noGrad = no_grad();
        weights = model.parameters()
            .Select(parameter => (parameter, zeros_like(parameter).DetachFromDisposeScope(), zeros_like(parameter).DetachFromDisposeScope()))
            .ToArray();
    }

    /// <summary>Moves the average towards the live weights.</summary>
    public void Update()
    {
        updates++;
        using var noGrad = no_grad();
        foreach (var (live, average, _) in weights)
        {
            average.lerp_(live, 1 - decay);
        }
    }

    /// <summary>Puts the average into the model, keeping the live weights aside until <see cref="SwapOut"/>.</summary>
    public void SwapIn()
    {
        if (swappedIn)
        {
            throw new InvalidOperationException("The average is already in the model.");
        }
        if (updates == 0)
        {
            throw new InvalidOperationException("Nothing has been averaged yet.");
        }
        // The average starts from zero, not from the random initial weights; dividing by the total weight of the
        // updates so far (as Adam does for its moments) makes it a weighted mean of the live weights alone.
        // A scalar held until the loop is done, not one converted from a number per call (see Model/KeptScalars).
        using Scalar totalWeight = 1 - Math.Pow(decay, updates);
        using var noGrad = no_grad();
        foreach (var (live, average, stash) in weights)
        {
            stash.copy_(live);
            live.copy_(average).div_(totalWeight);
        }
        swappedIn = true;
    }

    /// <summary>Puts the live weights back, so training goes on from where the optimiser left them.</summary>
    public void SwapOut()
    {
        if (!swappedIn)
        {
            throw new InvalidOperationException("The average is not in the model.");
        }
        using var noGrad = no_grad();
        foreach (var (live, _, stash) in weights)
        {
            live.copy_(stash);
        }
        swappedIn = false;
    }

    public void Dispose()
    {
        foreach (var (_, average, stash) in weights)
        {
            average.Dispose();
            stash.Dispose();
        }
    }
}
