using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// A pre-trained GPT-2 in Hugging Face layout: <c>config.json</c> and <c>model.safetensors</c> (its
/// <c>vocab.json</c> and <c>merges.txt</c> belong to the tokenizer). Our parameter names are GPT-2's, so the
/// mapping is by name; GPT-2 stores its Linear layers as Conv1D, [in, out], which are transposed on the way.
/// The checkpoint's vocabulary is much larger than a table's compact one: each compact id names the
/// checkpoint token whose embedding row it starts from, and ids with none (begin, end, pad, column names)
/// keep their fresh initialisation.
/// </summary>
public static class Gpt2Checkpoint
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    private const string WrapperPrefix = "transformer.";
    private static readonly string[] TransposedSuffixes = ["attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"];
    private static readonly string[] TanhGeluNames = ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"];

    /// <summary>
    /// The shape of a model that starts from the checkpoint in <paramref name="directory"/>, with the table's
    /// compact vocabulary and a context of at most the checkpoint's.
    /// </summary>
    public static GptConfig ReadConfig(string directory, int vocabularySize, int contextLength, double dropout)
    {
        var path = Path.Combine(directory, ConfigFile);
        var config = JsonNode.Parse(File.ReadAllText(path)) ?? throw new BadInputException($"{ConfigFile} of the checkpoint is empty.");
        var positions = Required(config, "n_positions");
        if (contextLength > positions)
        {
            throw new BadInputException($"The table needs a context of {contextLength} tokens; the checkpoint has only {positions} positions.");
        }
        var activation = config["activation_function"]?.GetValue<string>() ?? "gelu_new";
        if (!TanhGeluNames.Contains(activation))
        {
            throw new BadInputException($"The checkpoint uses activation {activation}; only GPT-2's tanh-approximated GELU is supported.");
        }
        return new GptConfig(vocabularySize, contextLength, Required(config, "n_layer"), Required(config, "n_head"), Required(config, "n_embd"), dropout);
    }

    /// <summary>
    /// Copies the checkpoint's weights into <paramref name="model"/>, which must have the shape
    /// <see cref="ReadConfig"/> gave. <paramref name="checkpointTokenOfId"/> holds, for each compact token id,
    /// the checkpoint token id whose embedding it takes, or null to keep its own.
    /// </summary>
    public static void LoadInto(GptModel model, string directory, IReadOnlyList<int?> checkpointTokenOfId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpointTokenOfId);
        if (checkpointTokenOfId.Count != model.Config.VocabularySize)
        {
            throw new ArgumentException($"The token map has {checkpointTokenOfId.Count} entries for a vocabulary of {model.Config.VocabularySize}.", nameof(checkpointTokenOfId));
        }
        var checkpoint = SafeTensors.Read(Path.Combine(directory, WeightsFile));
        try
        {
            var byName = checkpoint.ToDictionary(
                entry => entry.Key.StartsWith(WrapperPrefix, StringComparison.Ordinal) ? entry.Key[WrapperPrefix.Length..] : entry.Key,
                entry => entry.Value,
                StringComparer.Ordinal);
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (!byName.TryGetValue(name, out var stored))
                {
                    if (name.StartsWith(GptModel.ColumnEmbeddingName, StringComparison.Ordinal))
                    {
                        // GPT-2 has no column embedding (only checkpoints written by Save do): it keeps its fresh initialisation.
                        continue;
                    }
                    throw new BadInputException($"The checkpoint has no tensor {name}.");
                }
                var source = name switch
                {
                    "wte.weight" => TokenRows(stored, parameter, checkpointTokenOfId),
                    "wpe.weight" => stored.narrow(0, 0, model.Config.ContextLength),
                    _ when TransposedSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)) => stored.t(),
                    _ => stored,
                };
                if (!source.shape.SequenceEqual(parameter.shape))
                {
                    throw new BadInputException($"Tensor {name} of the checkpoint has shape [{string.Join(", ", stored.shape)}], which does not fit the model.");
                }
                parameter.copy_(source);
            }
        }
        finally
        {
            foreach (var tensor in checkpoint.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Writes <paramref name="model"/> as a checkpoint in Hugging Face GPT-2 layout (config and weights).</summary>
    public static void Save(GptModel model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        var config = model.Config;
        var json = new JsonObject
        {
            ["model_type"] = "gpt2",
            ["architectures"] = new JsonArray("GPT2LMHeadModel"),
            ["vocab_size"] = config.VocabularySize,
            ["n_positions"] = config.ContextLength,
            ["n_embd"] = config.Width,
            ["n_layer"] = config.Layers,
            ["n_head"] = config.Heads,
            ["activation_function"] = "gelu_new",
            ["layer_norm_epsilon"] = 1e-5,
            ["resid_pdrop"] = config.Dropout,
            ["embd_pdrop"] = config.Dropout,
            ["attn_pdrop"] = config.Dropout,
        };
        File.WriteAllText(Path.Combine(directory, ConfigFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        using var scope = NewDisposeScope();
        var tensors = model.named_parameters().ToDictionary(
            entry => entry.name,
            entry => TransposedSuffixes.Any(suffix => entry.name.EndsWith(suffix, StringComparison.Ordinal)) ? entry.parameter.t() : (Tensor)entry.parameter,
            StringComparer.Ordinal);
        SafeTensors.Write(Path.Combine(directory, WeightsFile), tensors);
    }

    /// <summary>The model's token embedding with each mapped row replaced by the checkpoint's row.</summary>
    private static Tensor TokenRows(Tensor stored, Tensor own, IReadOnlyList<int?> checkpointTokenOfId)
    {
        var rows = own.detach().clone();
        for (var id = 0; id < checkpointTokenOfId.Count; id++)
        {
            if (checkpointTokenOfId[id] is not { } source)
            {
                continue;
            }
            if (source < 0 || source >= stored.shape[0])
            {
                throw new BadInputException($"Token {id} maps to checkpoint token {source}, outside its vocabulary of {stored.shape[0]}.");
            }
            rows[id].copy_(stored[source]);
        }
        return rows;
    }

    private static int Required(JsonNode config, string key) =>
        config[key]?.GetValue<int>() ?? throw new BadInputException($"{ConfigFile} of the checkpoint lacks {key}.");
}
