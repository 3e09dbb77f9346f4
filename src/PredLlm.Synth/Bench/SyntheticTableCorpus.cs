using PredLlm.Synth.Training;

namespace PredLlm.Synth.Bench;

/// <summary>
/// A stand-in corpus shaped like the adult table's Pred-LLM corpus, for speed measurements: 15 columns (the
/// last is a binary target), sequences of about 65 tokens "begin, name is value, ..., end", a vocabulary of a
/// few hundred ids, and every row twice per epoch (features in a fresh order with the target last, then in
/// table order). Rows are drawn around a hidden class that shifts every column's distribution and decides
/// the target, so there is structure to learn and the validation loss means something.
/// </summary>
public sealed class SyntheticTableCorpus : ITrainingCorpus
{
    private const int Begin = 0;
    private const int End = 1;
    private const int Pad = 2;
    private const int Is = 3;
    private const int Separator = 4;
    private const int FirstColumnName = 5;
    private const int NumberTokens = 100;
    private const double PositiveClassShare = 0.24;

    // (categories, tokens spelling a value, spelled with shared number tokens) for adult's 15 columns, in order:
    // age, workclass, fnlwgt, education, education-num, marital-status, occupation, relationship, race, sex,
    // capital-gain, capital-loss, hours-per-week, native-country, income.
    private static readonly (int Categories, int TokensPerValue, bool Numeric)[] AdultColumns =
    [
        (73, 1, true), (9, 2, false), (400, 2, true), (16, 2, false), (16, 1, true), (7, 3, false),
        (15, 2, false), (6, 2, false), (5, 2, false), (2, 1, false), (60, 1, true), (40, 1, true),
        (90, 1, true), (42, 2, false), (2, 2, false),
    ];

    private readonly int[][][] spellings;
    private readonly int[][][] ranksByClass;
    private readonly int[][][] trainRows;
    private readonly int[][] validationSequences;

    public SyntheticTableCorpus(int trainRows, int validationRows, int seed)
    {
        var random = new Random(seed);
        var nextToken = FirstColumnName + AdultColumns.Length + NumberTokens;
        spellings = AdultColumns.Select(column => Spell(column, random, ref nextToken)).ToArray();
        VocabularySize = nextToken;
        ranksByClass = AdultColumns
            .Select(column => new[] { Permutation(column.Categories, random), Permutation(column.Categories, random) })
            .ToArray();
        this.trainRows = Enumerable.Range(0, trainRows).Select(_ => DrawRow(random)).ToArray();
        validationSequences = Enumerable.Range(0, validationRows).Select(_ => TableOrder(DrawRow(random))).ToArray();
    }

    /// <summary>Train rows of the table (each gives two sequences per epoch).</summary>
    public int TableRows => trainRows.Length;

    public int VocabularySize { get; }

    public int PadId => Pad;

    public IReadOnlyList<int[]> ValidationSequences => validationSequences;

    public IReadOnlyList<int[]> TrainingSequences(int epoch, Random random)
    {
        var sequences = new List<int[]>(2 * trainRows.Length);
        var features = Enumerable.Range(0, AdultColumns.Length - 1).ToArray();
        foreach (var row in trainRows)
        {
            random.Shuffle(features);
            sequences.Add([Begin, .. features.SelectMany(column => row[column]), .. row[^1], End]);
            sequences.Add(TableOrder(row));
        }
        return sequences;
    }

    private static int[] TableOrder(int[][] row) => [Begin, .. row.SelectMany(column => column), End];

    /// <summary>One row as the tokens of each column's "name is value ,".</summary>
    private int[][] DrawRow(Random random)
    {
        var positive = random.NextDouble() < PositiveClassShare ? 1 : 0;
        return AdultColumns.Select((column, index) =>
        {
            var category = index == AdultColumns.Length - 1 ? positive : DrawCategory(ranksByClass[index][positive], random);
            return (int[])[FirstColumnName + index, Is, .. spellings[index][category], Separator];
        }).ToArray();
    }

    /// <summary>A category with probability proportional to 1 / (its rank + 1): a few common values, a long tail.</summary>
    private static int DrawCategory(int[] ranks, Random random)
    {
        var total = ranks.Sum(rank => 1.0 / (rank + 1));
        var draw = random.NextDouble() * total;
        for (var category = 0; category < ranks.Length; category++)
        {
            draw -= 1.0 / (ranks[category] + 1);
            if (draw <= 0)
            {
                return category;
            }
        }
        return ranks.Length - 1;
    }

    /// <summary>
    /// The tokens of each category: numeric columns combine the shared number tokens, categorical ones start
    /// with a token of their own (so the first token names the category) followed by tokens of the column.
    /// </summary>
    private static int[][] Spell((int Categories, int TokensPerValue, bool Numeric) column, Random random, ref int nextToken)
    {
        var firstNumberToken = FirstColumnName + AdultColumns.Length;
        if (column.Numeric)
        {
            return Enumerable.Range(0, column.Categories)
                .Select(_ => Enumerable.Range(0, column.TokensPerValue).Select(_ => firstNumberToken + random.Next(NumberTokens)).ToArray())
                .ToArray();
        }
        var first = nextToken;
        var extra = first + column.Categories;
        nextToken = extra + column.TokensPerValue;
        return Enumerable.Range(0, column.Categories)
            .Select(category => new[] { first + category }
                .Concat(Enumerable.Range(0, column.TokensPerValue - 1).Select(_ => extra + random.Next(column.TokensPerValue)))
                .ToArray())
            .ToArray();
    }

    private static int[] Permutation(int count, Random random)
    {
        var ranks = Enumerable.Range(0, count).ToArray();
        random.Shuffle(ranks);
        return ranks;
    }
}
