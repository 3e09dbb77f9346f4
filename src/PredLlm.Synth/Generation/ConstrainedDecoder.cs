using System.Runtime.InteropServices;
using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Generation;

/// <summary>
/// Completes a batch of prompts with the model, one token per row per step, under the schema grammar:
/// the prompts are read once into a key/value cache, every later step costs one position, and a row that
/// finishes leaves the batch. Tokens are drawn on the host from the temperature-scaled softmax over the
/// allowed tokens only, with the caller's seeded generator, so a run is reproducible.
/// </summary>
public sealed class ConstrainedDecoder
{
    private readonly GptModel model;
    private readonly double temperature;
    private readonly NullCalibration nulls;
    private readonly LabelTemperature? label;

    /// <param name="model">The trained model, in evaluation mode.</param>
    /// <param name="temperature">Softmax temperature of every choice but null-or-not.</param>
    /// <param name="nulls">Corrects the model's null probability per column.</param>
    /// <param name="label">The target column's own temperature; null samples it like every other column.</param>
    public ConstrainedDecoder(GptModel model, double temperature, NullCalibration nulls, LabelTemperature? label = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(nulls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (label is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(label.Temperature, nameof(label));
        }
        this.model = model;
        this.temperature = temperature;
        this.nulls = nulls;
        this.label = label;
    }

    /// <summary>
    /// Completes every prompt until its state is finished, decoding in <paramref name="cache"/> (from
    /// <see cref="GptModel.NewCache"/>; what it held is forgotten). Each <paramref name="states"/> entry has
    /// already advanced through its prompt. Returns each row's full token sequence, prompt included, or null for a
    /// row that would not fit the cache (the grammar bounds every value, but a row of unusually long values
    /// written in short tokens can outgrow the context the model was sized for).
    /// </summary>
    public int[]?[] Complete(KeyValueCache cache, IReadOnlyList<int[]> prompts, IReadOnlyList<RowDecodingState> states, Random random)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(random);
        var rows = prompts.Select(prompt => new List<int>(prompt)).ToArray();
        // Shortest prompts first: the prefill reads the batch in chunks of rows, each padded to its own longest
        // prompt, so rows of like length together waste little (label-query prompts vary by a third).
        var active = Enumerable.Range(0, prompts.Count).Where(row => !states[row].IsFinished).OrderBy(row => prompts[row].Length).ToList();
        var finished = new bool[prompts.Count];
        foreach (var row in Enumerable.Range(0, prompts.Count).Except(active))
        {
            finished[row] = true;
        }
        if (active.Count == 0)
        {
            return [.. rows.Select(row => row.ToArray())];
        }
        var maxNewTokens = cache.Capacity - active.Max(row => prompts[row].Length);
        if (maxNewTokens <= 0)
        {
            throw new ArgumentException("A prompt fills the cache's whole context.", nameof(prompts));
        }

        var vocabulary = (int)model.Config.VocabularySize;
        var allowed = new int[vocabulary];
        var hostLogits = new float[active.Count * vocabulary];
        var weights = new double[vocabulary];
        using var scope = NewDisposeScope();
        var logits = model.Prefill(cache, [.. active.Select(row => prompts[row])]);
        // The cache's slots, by row. A finished row keeps its slot (fed PAD, never read) until half the
        // slots are finished: compacting the cache copies every layer's keys and values, so it is done
        // a few times per batch rather than whenever a row ends.
        var slots = active;
        // Where each slot's logits are in the latest logits: the prefill gives every slot a row; a step gives one
        // only to the slots whose next token is a choice (-1 for the others).
        var logitRows = Enumerable.Range(0, slots.Count).ToArray();
        var unfinished = slots.Count;
        for (var step = 0; unfinished > 0 && step < maxNewTokens; step++)
        {
            // A block copy of the raw bytes: the element-wise accessor copy took longer than the step's logits.
            using (var floats = logits.to_type(ScalarType.Float32).contiguous())
            {
                MemoryMarshal.Cast<byte, float>(floats.bytes).CopyTo(hostLogits);
            }
            logits.Dispose();
            var next = new long[slots.Count];
            for (var slot = 0; slot < slots.Count; slot++)
            {
                var row = slots[slot];
                if (finished[row])
                {
                    next[slot] = Tokens.Vocabulary.Pad;
                    continue;
                }
                var state = states[row];
                var count = state.CopyAllowed(allowed);
                var token = count == 1
                    ? allowed[0]
                    : Draw(hostLogits.AsSpan(logitRows[slot] * vocabulary, vocabulary), allowed.AsSpan(0, count), state.CurrentColumn, weights, random);
                state.Advance(token);
                rows[row].Add(token);
                next[slot] = token;
                // A row whose remaining tokens are all forced takes them now: no later choice needs their logits,
                // so no step need compute their keys and values (label queries end here, after the first token).
                var ending = state.ForcedEnding();
                state.Advance(ending);
                rows[row].AddRange(ending);
                if (state.IsFinished)
                {
                    finished[row] = true;
                    unfinished--;
                }
            }
            if (unfinished == 0 || step + 1 == maxNewTokens)
            {
                break;
            }
            if (unfinished <= slots.Count / 2)
            {
                var kept = Enumerable.Range(0, slots.Count).Where(slot => !finished[slots[slot]]).Select(slot => (long)slot).ToList();
                cache.SelectRows(kept);
                next = [.. kept.Select(slot => next[slot])];
                slots = [.. kept.Select(slot => slots[(int)slot])];
            }
            // Logits only where the next token is a choice: a forced one (the rest of a value its first tokens
            // settle, the one name a fixed order allows after a value that cannot go on) needs none.
            var predicted = new List<long>(slots.Count);
            for (var slot = 0; slot < slots.Count; slot++)
            {
                var chooses = !finished[slots[slot]] && states[slots[slot]].CopyAllowed(allowed) > 1;
                logitRows[slot] = chooses ? predicted.Count : -1;
                if (chooses)
                {
                    predicted.Add(slot);
                }
            }
            using var stepScope = NewDisposeScope();
            logits = model.DecodeStep(cache, tensor(next), tensor(predicted.ToArray())).MoveToOuterDisposeScope();
        }
        return [.. rows.Select((row, i) => finished[i] ? row.ToArray() : null)];
    }

    /// <summary>
    /// A draw from softmax(logits / temperature) over the allowed tokens only, at the target's own temperature
    /// where one is set. Whether a value is null is
    /// decided first, at temperature 1 and from the whole softmax: a temperature below 1 sharpens every choice
    /// towards its mode (20% nulls against ten digits become 27%), and renormalising over the allowed tokens
    /// would hand null the mass the model puts on tokens this column cannot take (two-digit tokens for a
    /// column of single digits). The column's <see cref="NullCalibration"/> then corrects it.
    /// </summary>
    private int Draw(ReadOnlySpan<float> logits, ReadOnlySpan<int> allowed, int column, double[] weights, Random random)
    {
        if (allowed.IsEmpty)
        {
            throw new InvalidOperationException("The grammar allowed no token.");
        }
        if (allowed.Length == 1)
        {
            return allowed[0];
        }
        if (allowed.Contains(Tokens.Vocabulary.Null))
        {
            var probability = NullProbability(logits);
            if (random.NextDouble() < nulls.Apply(column, probability))
            {
                return Tokens.Vocabulary.Null;
            }
            var values = allowed.ToArray().Where(token => token != Tokens.Vocabulary.Null).ToArray();
            return Draw(logits, values, column, weights, random);
        }
        var scale = label is { } target && target.Column == column ? target.Temperature : temperature;
        var best = double.NegativeInfinity;
        foreach (var token in allowed)
        {
            best = Math.Max(best, logits[token] / scale);
        }
        var total = 0.0;
        for (var i = 0; i < allowed.Length; i++)
        {
            weights[i] = Math.Exp((logits[allowed[i]] / scale) - best);
            total += weights[i];
        }
        var threshold = random.NextDouble() * total;
        for (var i = 0; i < allowed.Length; i++)
        {
            threshold -= weights[i];
            if (threshold < 0)
            {
                return allowed[i];
            }
        }
        return allowed[^1];
    }

    /// <summary>The untempered probability of the null token under the whole softmax.</summary>
    private static double NullProbability(ReadOnlySpan<float> logits)
    {
        var best = double.NegativeInfinity;
        foreach (var logit in logits)
        {
            best = Math.Max(best, logit);
        }
        var total = 0.0;
        foreach (var logit in logits)
        {
            total += Math.Exp(logit - best);
        }
        return Math.Exp(logits[Tokens.Vocabulary.Null] - best) / total;
    }
}

/// <summary>A softmax temperature for the target column's choices alone.</summary>
public sealed record LabelTemperature(int Column, double Temperature);
