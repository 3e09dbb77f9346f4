namespace PredLlm.Synth.Tests;

/// <summary>
/// Tests that train set process-wide TorchSharp state (the global seed, the thread count). They run alone,
/// never beside another test, so a seed set by one cannot be consumed or changed by another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "TorchSharp global state";
}
