using PredLlm.Synth.Tables;
using PredLlm.Synth.Text;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Training;

/// <summary>
/// Pred-LLM's training data: every train row twice per epoch, once with its features in a fresh random
/// order and the target last ("permute x"), once in the table's order with the target moved last — the
/// order label querying prompts with. Validation rows are written the same two ways, with orders fixed
/// once, so their loss is comparable from epoch to epoch.
/// </summary>
public sealed class PredLlmCorpus : ITrainingCorpus
{
    private readonly RowTokenizer tokenizer;
    private readonly string?[][] trainRows;
    private readonly int target;
    private readonly FieldOrder tableOrderTargetLast;

    public PredLlmCorpus(RowTokenizer tokenizer, Table train, Table validation, int target, int seed)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        this.tokenizer = tokenizer;
        this.target = target;
        tableOrderTargetLast = TableOrderTargetLast(train.ColumnCount, target);
        trainRows = RowValues(train);
        var random = new Random(seed);
        ValidationSequences = [.. RowValues(validation).SelectMany(values => new[]
        {
            tokenizer.Encode(values, FieldOrder.FeaturesShuffledTargetLast(values.Length, target, random)),
            tokenizer.Encode(values, tableOrderTargetLast),
        })];
    }

    public int VocabularySize => tokenizer.Vocabulary.Count;

    public int PadId => Vocabulary.Pad;

    public IReadOnlyList<int[]> ValidationSequences { get; }

    /// <summary>Token count of the longest row in the table order (permutations have the same length).</summary>
    public int LongestSequence => trainRows.Max(values => tokenizer.Encode(values, tableOrderTargetLast).Length);

    public double MeanTokensPerRow => trainRows.Average(values => tokenizer.Encode(values, tableOrderTargetLast).Length);

    public int RowCount => trainRows.Length;

    /// <summary>The target is written last in every sequence, so its value starts after its name.</summary>
    public int TargetStart(int[] sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return Array.LastIndexOf(sequence, tokenizer.Vocabulary.NameToken(target)) + 1;
    }

    public IReadOnlyList<int[]> TrainingSequences(int epoch, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sequences = new int[trainRows.Length * 2][];
        for (var row = 0; row < trainRows.Length; row++)
        {
            var values = trainRows[row];
            sequences[2 * row] = tokenizer.Encode(values, FieldOrder.FeaturesShuffledTargetLast(values.Length, target, random));
            sequences[(2 * row) + 1] = tokenizer.Encode(values, tableOrderTargetLast);
        }
        return sequences;
    }

    /// <summary>The features in the table's order, then the target: the layout of a label query.</summary>
    public static FieldOrder TableOrderTargetLast(int columnCount, int target) =>
        FieldOrder.Of([.. Enumerable.Range(0, columnCount).Where(column => column != target), target], columnCount);

    /// <summary>Each row's formatted values in table order (null for a null).</summary>
    public static string?[][] RowValues(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new string?[table.RowCount][];
        for (var row = 0; row < table.RowCount; row++)
        {
            rows[row] = new string?[table.ColumnCount];
            for (var column = 0; column < table.ColumnCount; column++)
            {
                rows[row][column] = table[column].Format(row);
            }
        }
        return rows;
    }
}
