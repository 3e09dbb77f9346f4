using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Generation;

/// <summary>
/// How many rows of each class a generated table holds when its target is a classification target: the train
/// class shares (a null label is a class of its own) times the rows asked for, rounded by largest remainder.
/// </summary>
/// <remarks>
/// A trained model's label marginal drifts: on the benchmark tables it was up to ten points off the real one
/// (qsar_biodeg's majority class at 56-62% of synthetic rows against 66%, bank's minority class at 6.8% against
/// 11.5%). That is a fidelity error a user sees, and it costs downstream accuracy. The generator therefore counts
/// the classes it has written, decodes extra rows while a class is short, and keeps each class to its quota.
/// </remarks>
internal sealed class ClassQuotas
{
    // Dictionary keys cannot be null; the split uses the same key for the null class.
    private const string NullKey = "\0null";

    private readonly SortedDictionary<string, int> _quotas;
    private readonly Dictionary<string, int> _written = new(StringComparer.Ordinal);

    private ClassQuotas(SortedDictionary<string, int> quotas) => _quotas = quotas;

    /// <summary>The quotas for <paramref name="rows"/> rows, or null when the target is not a classification target.</summary>
    public static ClassQuotas? For(Column target, int rows)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Count == 0 || PredictionTasks.Of(target) != PredictionTask.Classification)
        {
            return null;
        }
        var counts = Enumerable.Range(0, target.Count).GroupBy(row => Key(target.Format(row)), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var exact = counts.ToDictionary(pair => pair.Key, pair => (double)pair.Value * rows / target.Count, StringComparer.Ordinal);
        var quotas = new SortedDictionary<string, int>(exact.ToDictionary(pair => pair.Key, pair => (int)Math.Floor(pair.Value)), StringComparer.Ordinal);
        var left = rows - quotas.Values.Sum();
        foreach (var key in exact.OrderByDescending(pair => pair.Value - Math.Floor(pair.Value)).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(left).Select(pair => pair.Key))
        {
            quotas[key]++;
        }
        return new ClassQuotas(quotas);
    }

    /// <summary>Whether a class has fewer written rows than its quota.</summary>
    public bool AnyShort => _quotas.Any(pair => Written(pair.Key) < pair.Value);

    /// <summary>Whether the class of <paramref name="label"/> already has its quota of written rows.</summary>
    public bool IsFull(string? label) => !_quotas.TryGetValue(Key(label), out var quota) || Written(Key(label)) >= quota;

    /// <summary>Counts one written row of the class of <paramref name="label"/>.</summary>
    public void Count(string? label) => _written[Key(label)] = Written(Key(label)) + 1;

    /// <summary>
    /// The rows of a generated table to keep: for each class a random choice of at most its quota, then, where a
    /// class stayed short, random rows of the other classes until there are <paramref name="rows"/>.
    /// </summary>
    public int[] Select(Column target, int rows, Random random)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(random);
        var byClass = Enumerable.Range(0, target.Count).GroupBy(row => Key(target.Format(row)), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
        var kept = new List<int>(rows);
        var spare = new List<int>();
        foreach (var key in byClass.Keys.Order(StringComparer.Ordinal))
        {
            var members = byClass[key];
            random.Shuffle(members);
            var take = Math.Min(members.Length, _quotas.GetValueOrDefault(key));
            kept.AddRange(members.AsSpan(0, take));
            spare.AddRange(members.AsSpan(take));
        }
        var missing = Math.Min(rows - kept.Count, spare.Count);
        if (missing > 0)
        {
            var spareRows = spare.ToArray();
            random.Shuffle(spareRows);
            kept.AddRange(spareRows.AsSpan(0, missing));
        }
        return [.. kept];
    }

    private int Written(string key) => _written.GetValueOrDefault(key);

    private static string Key(string? label) => label ?? NullKey;
}
