using PredLlm.Synth.Model;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Tests.Training;

/// <summary>Small synthetic token corpora and models for fast training tests.</summary>
internal static class TinyCorpus
{
    public const int Begin = 0;
    public const int End = 1;
    public const int Pad = 2;
    public const int VocabularySize = 24;

    /// <summary>
    /// <paramref name="count"/> sequences "begin, key, body..., end": each key token is unique, so the rest
    /// of a sequence follows from its first two tokens. Bodies have different lengths.
    /// </summary>
    public static int[][] KeyedSequences(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(index => new[] { Begin, 3 + index }
                .Concat(Enumerable.Range(0, 4 + index % 4).Select(_ => random.Next(3 + count, VocabularySize)))
                .Append(End)
                .ToArray())
            .ToArray();
    }

    public static GptModel TinyModel(int seed = 1, int vocabularySize = VocabularySize) =>
        new(new GptConfig(vocabularySize, ContextLength: 16, Layers: 2, Heads: 2, Width: 32, Dropout: 0.0), seed);

    /// <summary>Continues each prefix with the most likely token until the end token or the context is full.</summary>
    public static int[][] GreedyContinuations(GptModel model, int[][] prefixes)
    {
        var maxNew = model.Config.ContextLength - prefixes.Max(prefix => prefix.Length);
        var sequences = prefixes.Select(prefix => prefix.ToList()).ToArray();
        using var scope = TorchSharp.torch.NewDisposeScope();
        var (logits, cache) = model.Prefill(prefixes, maxNew);
        using (cache)
        {
            for (var step = 0; step < maxNew; step++)
            {
                var next = logits.argmax(1);
                var tokens = next.data<long>().ToArray();
                for (var row = 0; row < sequences.Length; row++)
                {
                    if (sequences[row][^1] != End)
                    {
                        sequences[row].Add((int)tokens[row]);
                    }
                }
                if (sequences.All(sequence => sequence[^1] == End) || step == maxNew - 1)
                {
                    break;
                }
                logits = model.DecodeStep(cache, next);
            }
        }
        return sequences.Select(sequence => sequence.ToArray()).ToArray();
    }
}
