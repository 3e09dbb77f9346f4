using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>One pre-LayerNorm transformer block: x + attention(norm(x)), then x + mlp(norm(x)).</summary>
internal sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "ln_1")] private readonly LayerNorm attentionNorm;
    [ComponentName(Name = "attn")] private readonly CausalSelfAttention attention;
    [ComponentName(Name = "ln_2")] private readonly LayerNorm feedForwardNorm;
    [ComponentName(Name = "mlp")] private readonly FeedForward feedForward;

    public TransformerBlock(GptConfig config, TrainingMatmuls matmuls) : base(nameof(TransformerBlock))
    {
        attentionNorm = nn.LayerNorm(config.Width);
        attention = new CausalSelfAttention(config, matmuls);
        feedForwardNorm = nn.LayerNorm(config.Width);
        feedForward = new FeedForward(config, matmuls);
        RegisterComponents();
    }

    /// <summary>The two projections that write into the residual stream.</summary>
    public IEnumerable<Linear> ResidualProjections => [attention.Projection, feedForward.Projection];

    public override Tensor forward(Tensor input) => Forward(input, mask: null, cache: null, layer: 0, lastPositionOnly: false, outputRows: null);

    /// <summary>The block over new positions, attending through the cache; see <see cref="CausalSelfAttention.Attend"/>.</summary>
    public Tensor Forward(Tensor input, Tensor? mask, IAttentionCache? cache, int layer, bool lastPositionOnly, Tensor? outputRows)
    {
        var attended = attention.Attend(attentionNorm.call(input), mask, cache, layer, lastPositionOnly, outputRows);
        var residual = lastPositionOnly ? input.narrow(1, input.shape[1] - 1, 1) : input;
        var x = (outputRows is null ? residual : residual.index_select(0, outputRows)).Plus(attended);
        return x.Plus(feedForward.call(feedForwardNorm.call(x)));
    }
}
