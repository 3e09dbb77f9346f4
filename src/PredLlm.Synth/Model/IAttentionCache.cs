using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>Where a layer's attention keeps the keys and values of the positions it has seen.</summary>
internal interface IAttentionCache
{
    /// <summary>
    /// Stores one layer's new keys and values [batch, heads, time, headSize] and returns the keys and values the
    /// new positions attend over.
    /// </summary>
    (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues);
}
