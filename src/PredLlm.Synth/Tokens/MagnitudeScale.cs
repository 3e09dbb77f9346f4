using System.Globalization;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tokens;

/// <summary>
/// Where a number lies in its column, in <see cref="Levels"/> quantile levels of the train values. A number is
/// written as its level's token followed by its digits ("plas is &lt;level 12&gt; 148"), so the model reads a
/// number's size from one token shared by every numeric column. A model trained from scratch cannot
/// otherwise learn that the token "148" is large from a few hundred rows: each number token is seen a handful
/// of times, and on the diabetes table the label stayed at chance while boosted trees reached 75%.
/// </summary>
/// <remarks>
/// Edges lie halfway between neighbouring distinct train values, so no edge is itself a train value.
/// </remarks>
public sealed class MagnitudeScale
{
    /// <summary>The most levels a column has (and the number of level tokens in a vocabulary).</summary>
    public const int Levels = 16;

    private readonly double[] edges;

    /// <param name="edges">Ascending, finite, at most <see cref="Levels"/> - 1 of them.</param>
    public MagnitudeScale(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count is 0 or >= Levels)
        {
            throw new ArgumentException($"A scale has 1 to {Levels - 1} edges, not {edges.Count}.", nameof(edges));
        }
        for (var i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw new ArgumentException("A scale's edges are finite and strictly ascending.", nameof(edges));
            }
        }
        this.edges = [.. edges];
    }

    public IReadOnlyList<double> Edges => edges;

    /// <summary>
    /// The scale of a numeric column (integer, real or decimal) from its train values, or null when the column
    /// is not numeric, holds NaN or an infinity (their texts are not numbers to rank), or has at most
    /// <see cref="Levels"/> distinct values (its few values are then their own tokens already). A column of
    /// more distinct values has at least one edge.
    /// </summary>
    public static MagnitudeScale? For(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Family is not (ValueFamily.Integer or ValueFamily.Real or ValueFamily.Decimal))
        {
            return null;
        }
        var all = NumericView.Of(column);
        var values = Enumerable.Range(0, all.Length).Where(row => !column.IsNull(row)).Select(row => all[row]).ToArray();
        if (values.Any(value => !double.IsFinite(value)))
        {
            return null;
        }
        Array.Sort(values);
        if (values.Distinct().Count() <= Levels)
        {
            return null;
        }
        var found = new SortedSet<double>();
        for (var level = 1; level < Levels; level++)
        {
            // The first value of the level's quantile starts a new level, unless it repeats the value before it.
            var start = values[(int)((long)level * values.Length / Levels)];
            var below = Array.BinarySearch(values, start);
            while (below > 0 && values[below - 1] == start)
            {
                below--;
            }
            if (below > 0)
            {
                found.Add(values[below - 1] + ((start - values[below - 1]) / 2));
            }
        }
        if (found.Count == 0)
        {
            // One value fills every quantile (a capital gain that is 0 in 95% of rows): the one level edge
            // that remains telling is whether a value lies beyond that run.
            var common = values[values.Length / 2];
            var above = Array.FindIndex(values, value => value > common);
            var neighbour = above >= 0 ? values[above] : values[Array.FindLastIndex(values, value => value < common)];
            found.Add(common + ((neighbour - common) / 2));
        }
        return new MagnitudeScale([.. found]);
    }

    /// <summary>The level of <paramref name="value"/>: how many edges lie below it. NaN takes level 0.</summary>
    public int LevelOf(double value)
    {
        var index = Array.BinarySearch(edges, value);
        return double.IsNaN(value) ? 0 : index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The level of a value's text as the table writes it (invariant culture); text that is no number takes level 0.</summary>
    public int LevelOf(string text) =>
        LevelOf(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN);
}
