using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>The position-wise MLP of a block: widen four times, GELU, project back.</summary>
/// <remarks>GELU uses the tanh approximation, as GPT-2 does, so pre-trained GPT-2 weights compute what they were trained to.</remarks>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "c_fc")] private readonly Linear expand;
    [ComponentName(Name = "gelu")] private readonly GELU activation;
    [ComponentName(Name = "c_proj")] private readonly Linear projection;
    [ComponentName(Name = "dropout")] private readonly Dropout dropout;
    private readonly TrainingMatmuls matmuls;

    public FeedForward(GptConfig config, TrainingMatmuls matmuls) : base(nameof(FeedForward))
    {
        this.matmuls = matmuls;
        expand = nn.Linear(config.Width, 4 * config.Width);
        activation = nn.GELU(GELU.Approximate.tanh);
        projection = nn.Linear(4 * config.Width, config.Width);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The output projection, whose initial scale depends on the depth.</summary>
    public Linear Projection => projection;

    public override Tensor forward(Tensor input) =>
        dropout.call(matmuls.Linear(projection, activation.call(matmuls.Linear(expand, input))));
}
