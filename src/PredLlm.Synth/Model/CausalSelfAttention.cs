using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>Multi-head self-attention in which a position sees only itself and earlier positions.</summary>
internal sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    // Component names follow GPT-2's so a pre-trained checkpoint maps onto them by name.
    [ComponentName(Name = "c_attn")] private readonly Linear queryKeyValue;
    [ComponentName(Name = "c_proj")] private readonly Linear projection;
    [ComponentName(Name = "resid_dropout")] private readonly Dropout residualDropout;
    private readonly TrainingMatmuls matmuls;
    private readonly int heads;
    private readonly int width;

    public CausalSelfAttention(GptConfig config, TrainingMatmuls matmuls) : base(nameof(CausalSelfAttention))
    {
        this.matmuls = matmuls;
        heads = config.Heads;
        width = config.Width;
        // One Linear computes query, key and value together: one large matmul beats three small ones on a CPU.
        queryKeyValue = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        residualDropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The output projection, whose initial scale depends on the depth.</summary>
    public Linear Projection => projection;

    public override Tensor forward(Tensor input) => Attend(input, mask: null, cache: null, layer: 0, lastPositionOnly: false, outputRows: null);

    /// <summary>
    /// Attends <paramref name="input"/> [batch, time, width]. Without a mask the attention is plainly causal over
    /// the input. With a cache, the input's keys and values are stored in it first and the queries attend over
    /// the keys it returns; the boolean <paramref name="mask"/> [batch, 1, time, keys] then says which keys each
    /// query may see (true = attend). With <paramref name="lastPositionOnly"/> only the last position's output is
    /// computed ([batch, 1, width]): the keys and values of every position are still stored. With
    /// <paramref name="outputRows"/> (int64 indices into the batch) only those rows' outputs are projected and
    /// returned: the attention itself still runs for every row, as the cache holds every row's keys.
    /// </summary>
    public Tensor Attend(Tensor input, Tensor? mask, IAttentionCache? cache, int layer, bool lastPositionOnly, Tensor? outputRows)
    {
        var batch = input.shape[0];
        var time = input.shape[1];
        var qkv = matmuls.Linear(queryKeyValue, input).split(width, dim: 2);
        var query = SplitHeads(qkv[0], batch, time);
        var key = SplitHeads(qkv[1], batch, time);
        var value = SplitHeads(qkv[2], batch, time);
        if (cache is not null)
        {
            (key, value) = cache.Append(layer, key, value);
        }
        if (lastPositionOnly)
        {
            query = query.narrow(2, time - 1, 1);
            mask = mask?.narrow(2, mask.shape[2] - 1, 1);
            time = 1;
        }
        // No dropout on the attention weights: on a CPU it forces the unfused attention kernel, which cost about
        // a tenth of the training throughput; the residual branches still drop out.
        var attended = nn.functional.scaled_dot_product_attention(query, key, value, attn_mask: mask, is_casual: mask is null && !lastPositionOnly);
        if (outputRows is not null)
        {
            attended = attended.index_select(0, outputRows);
            batch = outputRows.shape[0];
        }
        var merged = attended.transpose(1, 2).contiguous().view(batch, time, width);
        return residualDropout.call(matmuls.Linear(projection, merged));
    }

    private Tensor SplitHeads(Tensor projected, long batch, long time) =>
        projected.view(batch, time, heads, width / heads).transpose(1, 2);
}
