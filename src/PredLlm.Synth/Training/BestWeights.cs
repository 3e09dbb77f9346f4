using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>A copy of a model's parameters, refreshed in place whenever validation improves, restored at the end.</summary>
internal sealed class BestWeights : IDisposable
{
    private readonly (Parameter Live, Tensor Copy)[] parameters;

    public BestWeights(nn.Module model)
    {
        using var noGrad = no_grad();
        parameters = model.parameters()
            .Select(parameter => (parameter, parameter.detach().clone().DetachFromDisposeScope()))
            .ToArray();
    }

    public void Capture()
    {
        using var noGrad = no_grad();
        foreach (var (live, copy) in parameters)
        {
            copy.copy_(live);
        }
    }

    public void Restore()
    {
        using var noGrad = no_grad();
        foreach (var (live, copy) in parameters)
        {
            live.copy_(copy);
        }
    }

    public void Dispose()
    {
        foreach (var (_, copy) in parameters)
        {
            copy.Dispose();
        }
    }
}
