using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// One integer code per category across the real train, holdout and synthetic columns. Train
/// categories come first, most frequent first (ties in ordinal order), so a code below
/// <see cref="TrainCategoryCount"/> means "seen in train" and low codes are the common categories.
/// Categories only the holdout or the synthetic table has follow, in order of first appearance.
/// </summary>
internal sealed class CategoryCoding
{
    private readonly Dictionary<string, int> _codes;
    private readonly List<string> _labels;

    private CategoryCoding(Dictionary<string, int> codes, List<string> labels, int trainCategoryCount)
    {
        _codes = codes;
        _labels = labels;
        TrainCategoryCount = trainCategoryCount;
    }

    public int TrainCategoryCount { get; }

    public int Count => _labels.Count;

    /// <summary>The invariant text of each category, by code.</summary>
    public IReadOnlyList<string> Labels => _labels;

    public static CategoryCoding Fit(Column train, params Column[] others)
    {
        ArgumentNullException.ThrowIfNull(train);
        var trainCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < train.Count; row++)
        {
            var text = train.Format(row);
            if (text is not null)
            {
                trainCounts[text] = trainCounts.GetValueOrDefault(text) + 1;
            }
        }

        var labels = trainCounts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .ToList();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var code = 0; code < labels.Count; code++)
        {
            codes[labels[code]] = code;
        }

        var trainCategoryCount = labels.Count;
        foreach (var other in others)
        {
            for (var row = 0; row < other.Count; row++)
            {
                var text = other.Format(row);
                if (text is not null && codes.TryAdd(text, labels.Count))
                {
                    labels.Add(text);
                }
            }
        }

        return new CategoryCoding(codes, labels, trainCategoryCount);
    }

    /// <summary>The code of every row of a column, -1 for a null.</summary>
    public int[] CodesOf(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var codes = new int[column.Count];
        for (var row = 0; row < codes.Length; row++)
        {
            var text = column.Format(row);
            codes[row] = text is null ? -1
                : _codes.TryGetValue(text, out var code) ? code
                : throw new ArgumentException($"Column '{column.Name}' holds a category this coding was not fitted on.", nameof(column));
        }

        return codes;
    }
}
