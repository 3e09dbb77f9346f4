using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// The schema of a table as a decoding grammar over its compact vocabulary: the row layout of
/// <see cref="RowTokenizer"/> with every column exactly once, each value in its column's
/// <see cref="ValueSpec"/>, and each <see cref="OneHotGroup"/> with exactly one member set. Built once per
/// table and shared by every row being decoded (thread-safe); each row keeps its own <see cref="RowDecodingState"/>.
/// </summary>
public sealed class RowGrammar
{
    private readonly ValueAutomaton[] automata;
    private readonly bool[] nullable;
    private readonly OneHotMember?[] members;

    /// <param name="vocabulary">The table's vocabulary.</param>
    /// <param name="columns">One spec per column, in table order (the vocabulary's column order).</param>
    /// <param name="oneHotGroups">Groups of categorical columns without nulls whose values include the group's two texts.</param>
    public RowGrammar(Vocabulary vocabulary, IReadOnlyList<ValueSpec> columns, IReadOnlyList<OneHotGroup>? oneHotGroups = null)
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
        OneHotGroupCount = oneHotGroups?.Count ?? 0;
        members = new OneHotMember?[columns.Count];
        for (var group = 0; group < OneHotGroupCount; group++)
        {
            AddMembers(vocabulary, columns, oneHotGroups![group], group);
        }
    }

    private void AddMembers(Vocabulary vocabulary, IReadOnlyList<ValueSpec> columns, OneHotGroup group, int index)
    {
        if (group.Columns.Count < 2)
        {
            throw new ArgumentException("A one-hot group has at least two columns.", nameof(group));
        }
        foreach (var column in group.Columns)
        {
            if (column < 0 || column >= columns.Count || members[column] is not null)
            {
                throw new ArgumentException($"Column {column} cannot join a one-hot group: it is out of range or in another group.", nameof(group));
            }
            if (columns[column] is not CategoricalSpec { Nullable: false } categorical || !categorical.Values.Contains(group.On) || !categorical.Values.Contains(group.Off))
            {
                throw new ArgumentException($"Column {column} of a one-hot group must be categorical without nulls and allow both '{group.Off}' and '{group.On}'.", nameof(group));
            }
            var on = vocabulary.EncodeValue(group.On).ToArray();
            var state = ValueAutomaton.Start;
            foreach (var token in on)
            {
                state = automata[column][state].After(token);
            }
            members[column] = new OneHotMember(index, group.Columns.Count, on, vocabulary.EncodeValue(group.Off).ToArray(), state);
        }
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

    internal int OneHotGroupCount { get; }

    /// <summary>The column's place in a one-hot group, or null.</summary>
    internal OneHotMember? Member(int column) => members[column];

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

/// <summary>A column of a one-hot group as the decoder sees it.</summary>
/// <param name="Group">The group's index.</param>
/// <param name="GroupSize">How many columns the group has.</param>
/// <param name="On">The tokens of the set value.</param>
/// <param name="Off">The tokens of the unset value.</param>
/// <param name="OnState">The column's value state after <paramref name="On"/>: a finished value in this state is set.</param>
internal sealed record OneHotMember(int Group, int GroupSize, int[] On, int[] Off, int OnState);
