using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// The compact value tokens that may continue a column's value, as a deterministic automaton built
/// lazily. A state pairs a <see cref="CharGrammar"/> state (numbers, dates) with a <see cref="TokenTrie"/>
/// node (categorical values, extra literals); either side may be dead. The first time a state is reached
/// its allowed tokens and successors are computed once and kept, so a decoding step is a lookup. Grammar
/// tokens are only the ASCII value tokens made entirely of the grammar's characters, found once up front.
/// Thread-safe: states are expanded under a lock, and expansions never change afterwards.
/// </summary>
internal sealed class ValueAutomaton
{
    public const int Start = 0;

    private readonly CharGrammar? grammar;
    private readonly TokenTrie trie;
    private readonly (int Token, string Text)[] grammarTokens;
    private readonly Dictionary<(long Grammar, int Node), int> stateIds = [];
    private readonly List<(long Grammar, int Node)> states = [];
    private readonly List<Expansion?> expansions = [];
    private readonly Lock gate = new();

    public ValueAutomaton(Vocabulary vocabulary, CharGrammar? grammar, TokenTrie trie)
    {
        this.grammar = grammar;
        this.trie = trie;
        grammarTokens = grammar is null ? [] : GrammarTokens(vocabulary, grammar);
        MaxTokens = Math.Max(trie.MaxDepth, grammar?.MaxLength ?? 0);
        Intern((grammar?.Start ?? CharGrammar.Dead, trie.IsEmpty ? -1 : TokenTrie.Root));
    }

    /// <summary>An upper bound on the tokens of any accepted value.</summary>
    public int MaxTokens { get; }

    public Expansion this[int state]
    {
        get
        {
            lock (gate)
            {
                return expansions[state] ??= Expand(states[state]);
            }
        }
    }

    private static (int Token, string Text)[] GrammarTokens(Vocabulary vocabulary, CharGrammar grammar)
    {
        var tokens = new List<(int, string)>();
        for (var token = vocabulary.FirstValueToken; token < vocabulary.Count; token++)
        {
            if (vocabulary.AsciiText(token) is { } text && text.All(grammar.InAlphabet))
            {
                tokens.Add((token, text));
            }
        }
        return [.. tokens];
    }

    private Expansion Expand((long Grammar, int Node) state)
    {
        var successors = new SortedDictionary<int, (long Grammar, int Node)>();
        if (state.Grammar != CharGrammar.Dead)
        {
            foreach (var (token, text) in grammarTokens)
            {
                var next = grammar!.Step(state.Grammar, text);
                if (next != CharGrammar.Dead)
                {
                    successors[token] = (next, -1);
                }
            }
        }
        if (state.Node >= 0)
        {
            foreach (var (token, child) in trie.Children(state.Node))
            {
                successors[token] = (successors.TryGetValue(token, out var viaGrammar) ? viaGrammar.Grammar : CharGrammar.Dead, child);
            }
        }
        var accepts = (state.Grammar != CharGrammar.Dead && grammar!.Accepts(state.Grammar)) || (state.Node >= 0 && trie.IsTerminal(state.Node));
        return new Expansion([.. successors.Keys], [.. successors.Values.Select(Intern)], accepts);
    }

    private int Intern((long Grammar, int Node) state)
    {
        if (!stateIds.TryGetValue(state, out var id))
        {
            id = states.Count;
            stateIds.Add(state, id);
            states.Add(state);
            expansions.Add(null);
        }
        return id;
    }

    /// <summary>
    /// A state's allowed value tokens (ascending), the state each leads to, and whether the value may end here.
    /// </summary>
    public sealed record Expansion(int[] Tokens, int[] Next, bool Accepts)
    {
        /// <summary>The state after <paramref name="token"/>, or -1 when the token is not allowed.</summary>
        public int After(int token)
        {
            var index = Array.BinarySearch(Tokens, token);
            return index >= 0 ? Next[index] : -1;
        }
    }
}
