using PredLlm.Synth.Generation.Constraints;

namespace PredLlm.Synth.Tests.Generation.Constraints;

/// <summary>Reads and enumerates a character grammar's language for tests.</summary>
internal static class GrammarLanguage
{
    public static bool Accepts(CharGrammar grammar, string text) => Accepts(grammar, grammar.Start, text);

    public static bool Accepts(CharGrammar grammar, long from, string text)
    {
        var state = grammar.Step(from, text);
        return state != CharGrammar.Dead && grammar.Accepts(state);
    }

    /// <summary>
    /// Every accepted text reachable from <paramref name="from"/> over <paramref name="alphabet"/>, checking on
    /// the way that no live state is a dead end and that no text is longer than the grammar's bound.
    /// </summary>
    public static HashSet<string> Enumerate(CharGrammar grammar, string alphabet, long from, string prefix = "")
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        Walk(grammar, alphabet, from, prefix, accepted);
        return accepted;
    }

    private static bool Walk(CharGrammar grammar, string alphabet, long state, string text, HashSet<string> accepted)
    {
        var completes = grammar.Accepts(state);
        if (completes)
        {
            accepted.Add(text);
        }
        foreach (var c in alphabet)
        {
            var next = grammar.Step(state, c);
            if (next == CharGrammar.Dead)
            {
                continue;
            }
            Assert.True(text.Length < grammar.MaxLength, $"a text longer than the bound {grammar.MaxLength} is live");
            Assert.True(Walk(grammar, alphabet, next, text + c, accepted), $"dead end after \"{text + c}\"");
            completes = true;
        }
        return completes;
    }
}
