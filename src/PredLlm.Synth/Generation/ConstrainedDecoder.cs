using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Generation;

/// <summary>
/// Completes a batch of prompts with the model, one token per row per step, under the schema grammar:
/// the prompts are read once into a key/value cache, every later step costs one position, and a row that
/// reaches END leaves the batch. Tokens are drawn on the host from the temperature-scaled softmax over the
/// allowed tokens only, with the caller's seeded generator, so a run is reproducible.
/// </summary>
public sealed class ConstrainedDecoder
{
    private readonly GptModel model;
    private readonly double temperature;

    public ConstrainedDecoder(GptModel model, double temperature)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        this.model = model;
        this.temperature = temperature;
    }

    /// <summary>
    /// Completes every prompt until its state reads END. Each <paramref name="states"/> entry has already
    /// advanced through its prompt. Returns each row's full token sequence, prompt included, or null for a
    /// row that would not fit the model's context (the grammar bounds every value, but a row of unusually
    /// long values written in short tokens can outgrow the context the model was sized for).
    /// </summary>
    public int[]?[] Complete(IReadOnlyList<int[]> prompts, IReadOnlyList<RowDecodingState> states, Random random)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(random);
        var rows = prompts.Select(prompt => new List<int>(prompt)).ToArray();
        var active = Enumerable.Range(0, prompts.Count).Where(row => !states[row].IsFinished).ToList();
        var finished = new bool[prompts.Count];
        foreach (var row in Enumerable.Range(0, prompts.Count).Except(active))
        {
            finished[row] = true;
        }
        if (active.Count == 0)
        {
            return [.. rows.Select(row => row.ToArray())];
        }
        var maxNewTokens = model.Config.ContextLength - active.Max(row => prompts[row].Length);
        if (maxNewTokens <= 0)
        {
            throw new ArgumentException("A prompt fills the model's whole context.", nameof(prompts));
        }

        var vocabulary = (int)model.Config.VocabularySize;
        var mask = new float[vocabulary];
        var probabilities = new double[vocabulary];
        using var scope = NewDisposeScope();
        var (logits, cache) = model.Prefill([.. active.Select(row => prompts[row])], maxNewTokens);
        using (cache)
        {
            for (var step = 0; active.Count > 0 && step < maxNewTokens; step++)
            {
                var hostLogits = logits.to_type(ScalarType.Float32).data<float>().ToArray();
                logits.Dispose();
                var next = new long[active.Count];
                var stillActive = new List<long>(active.Count);
                for (var i = 0; i < active.Count; i++)
                {
                    var state = states[active[i]];
                    state.WriteAdditiveMask(mask);
                    var token = Draw(hostLogits.AsSpan(i * vocabulary, vocabulary), mask, probabilities, random);
                    state.Advance(token);
                    rows[active[i]].Add(token);
                    next[i] = token;
                    if (state.IsFinished)
                    {
                        finished[active[i]] = true;
                    }
                    else
                    {
                        stillActive.Add(i);
                    }
                }
                if (stillActive.Count == 0 || step + 1 == maxNewTokens)
                {
                    break;
                }
                if (stillActive.Count < active.Count)
                {
                    cache.SelectRows(stillActive);
                    next = [.. stillActive.Select(i => next[i])];
                    active = [.. stillActive.Select(i => active[(int)i])];
                }
                using var stepScope = NewDisposeScope();
                logits = model.DecodeStep(cache, tensor(next)).MoveToOuterDisposeScope();
            }
        }
        return [.. rows.Select((row, i) => finished[i] ? row.ToArray() : null)];
    }

    /// <summary>A draw from softmax(logits / temperature) restricted to the tokens the mask leaves at 0.</summary>
    private int Draw(ReadOnlySpan<float> logits, ReadOnlySpan<float> mask, double[] probabilities, Random random)
    {
        var best = double.NegativeInfinity;
        for (var token = 0; token < logits.Length; token++)
        {
            if (mask[token] == 0f)
            {
                best = Math.Max(best, logits[token] / temperature);
            }
        }
        var total = 0.0;
        var only = -1;
        for (var token = 0; token < logits.Length; token++)
        {
            var weight = mask[token] == 0f ? Math.Exp(logits[token] / temperature - best) : 0;
            probabilities[token] = weight;
            total += weight;
            if (weight > 0)
            {
                only = token;
            }
        }
        if (only < 0)
        {
            throw new InvalidOperationException("The grammar allowed no token.");
        }
        var threshold = random.NextDouble() * total;
        for (var token = 0; token < logits.Length; token++)
        {
            threshold -= probabilities[token];
            if (probabilities[token] > 0 && threshold < 0)
            {
                return token;
            }
        }
        return only;
    }
}
