using System.Text;
using PredLlm.Synth.Generation.Constraints;

namespace PredLlm.Synth.Tests.Generation.Constraints;

/// <summary>Random texts of a character grammar: each step picks uniformly among the characters that keep
/// the text live, and among those and stopping once the text is accepted.</summary>
internal static class CharWalk
{
    public static string Random(CharGrammar grammar, string alphabet, Random random)
    {
        var text = new StringBuilder();
        var state = grammar.Start;
        while (true)
        {
            var options = alphabet.Where(c => grammar.Step(state, c) != CharGrammar.Dead).ToList();
            var accepts = grammar.Accepts(state);
            Assert.True(options.Count > 0 || accepts, "dead end");
            var pick = random.Next(options.Count + (accepts ? 1 : 0));
            if (pick == options.Count)
            {
                return text.ToString();
            }
            state = grammar.Step(state, options[pick]);
            text.Append(options[pick]);
        }
    }
}
