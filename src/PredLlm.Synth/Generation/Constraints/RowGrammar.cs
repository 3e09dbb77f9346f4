using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// The schema of a table as a decoding grammar over its compact vocabulary: the row layout of
/// <see cref="RowTokenizer"/> with every column exactly once and each value in its column's
/// <see cref="ValueSpec"/>. Built once per table and shared by every row being decoded (thread-safe);
/// each row keeps its own <see cref="RowDecodingState"/>.
/// </summary>
public sealed class RowGrammar
{
    private readonly ValueAutomaton[] automata;
    private readonly bool[] nullable;

    /// <param name="vocabulary">The table's vocabulary.</param>
    /// <param name="columns">One spec per column, in table order (the vocabulary's column order).</param>
    public RowGrammar(Vocabulary vocabulary, IReadOnlyList<ValueSpec> columns)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != vocabulary.ColumnNames.Count)
        {
            throw new ArgumentException($"The vocabulary has {vocabulary.ColumnNames.Count} columns; got {columns.Count} specs.", nameof(columns));
        }
        Vocabulary = vocabulary;
        automata = new ValueAutomaton[columns.Count];
        nullable = new bool[columns.Count];
        // BEGIN and END, then per column its name, a magnitude level and the value.
        var maxTokens = 2;
        for (var column = 0; column < columns.Count; column++)
        {
            var spec = columns[column] ?? throw new ArgumentException("Every column needs a spec.", nameof(columns));
            automata[column] = new ValueAutomaton(vocabulary, CharGrammar.For(spec), Literals(vocabulary, spec));
            nullable[column] = spec.Nullable;
            var start = automata[column][ValueAutomaton.Start];
            if (!spec.Nullable && start.Tokens.Length == 0 && !start.Accepts)
            {
                throw new ArgumentException($"The spec of column {column} allows no value.", nameof(columns));
            }
            maxTokens += 2 + Math.Max(1, automata[column].MaxTokens);
        }
        MaxRowTokens = maxTokens;
    }

    public Vocabulary Vocabulary { get; }

    public int ColumnCount => automata.Length;

    /// <summary>An upper bound on the length of any row the grammar accepts, BEGIN and END included.</summary>
    public int MaxRowTokens { get; }

    /// <summary>A fresh row, expecting BEGIN.</summary>
    public RowDecodingState Start(DecodingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Validate(ColumnCount);
        return new RowDecodingState(this, order);
    }

    internal ValueAutomaton Automaton(int column) => automata[column];

    internal bool IsNullable(int column) => nullable[column];

    private static TokenTrie Literals(Vocabulary vocabulary, ValueSpec spec)
    {
        var trie = new TokenTrie();
        var texts = spec switch
        {
            CategoricalSpec categorical => categorical.Values,
            ContinuousSpec continuous => continuous.Literals,
            _ => [],
        };
        foreach (var text in texts)
        {
            trie.Add(vocabulary.EncodeValue(text));
        }
        return trie;
    }
}
