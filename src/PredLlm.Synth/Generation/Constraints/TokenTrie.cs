namespace PredLlm.Synth.Generation.Constraints;

/// <summary>A trie over the token sequences of a fixed set of value texts.</summary>
internal sealed class TokenTrie
{
    public const int Root = 0;

    private readonly List<Dictionary<int, int>> children = [[]];
    private readonly List<bool> terminal = [false];

    public int MaxDepth { get; private set; }

    public bool IsEmpty => !terminal[Root] && children[Root].Count == 0;

    public void Add(ReadOnlySpan<int> tokens)
    {
        var node = Root;
        foreach (var token in tokens)
        {
            if (!children[node].TryGetValue(token, out var child))
            {
                child = children.Count;
                children.Add([]);
                terminal.Add(false);
                children[node].Add(token, child);
            }
            node = child;
        }
        terminal[node] = true;
        MaxDepth = Math.Max(MaxDepth, tokens.Length);
    }

    public bool IsTerminal(int node) => terminal[node];

    public IReadOnlyDictionary<int, int> Children(int node) => children[node];
}
