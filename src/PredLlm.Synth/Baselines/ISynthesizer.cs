using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Baselines;

/// <summary>A method that learns from a train table and makes synthetic rows with exactly its schema.</summary>
public interface ISynthesizer
{
    /// <summary>Short name shown in benchmark tables.</summary>
    string Name { get; }

    Table Generate(Table train, int rows, int seed);
}
