using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// Places one column's values on the Gower scale, where the per-column distance of two cells is
/// min(|a - b|, 1). Ordered values become their empirical-CDF position in [0, 1]; categories become
/// whole-number codes, so different categories are at least 1 apart. Nulls get a code of their own that
/// is at least 1 from every value: null against null is 0, null against a value is 1, as Gower says.
/// </summary>
internal abstract class ColumnScale
{
    public abstract void Encode(Column column, Span<float> target);

    /// <summary>The scale of a column: its CDF when <paramref name="ordered"/>, else category codes.</summary>
    public static ColumnScale For(IReadOnlyList<Column> fitColumns, bool ordered)
    {
        ArgumentNullException.ThrowIfNull(fitColumns);
        return ordered ? CdfScale.Fit(fitColumns) : new CategoryScale();
    }
}

/// <summary>Ordered values (numbers, dates, timestamps) through the empirical CDF of the fit rows (train + holdout).</summary>
internal sealed class CdfScale : ColumnScale
{
    // Far outside [0, 1] and 4 apart, so each is at distance 1 from every value and from the other.
    private const float NullCode = 4f;
    private const float NotANumberCode = 8f;

    private readonly double[] _distinct;
    private readonly float[] _share;

    private CdfScale(double[] distinct, float[] share)
    {
        _distinct = distinct;
        _share = share;
    }

    public static CdfScale Fit(IReadOnlyList<Column> fitColumns)
    {
        var values = new List<double>();
        foreach (var column in fitColumns)
        {
            var numbers = NumericView.Of(column);
            for (var row = 0; row < numbers.Length; row++)
            {
                if (!column.IsNull(row) && !double.IsNaN(numbers[row]))
                {
                    values.Add(numbers[row]);
                }
            }
        }

        values.Sort();
        var distinct = new List<double>();
        var share = new List<float>();
        for (var i = 0; i < values.Count; i++)
        {
            if (i + 1 == values.Count || values[i + 1] != values[i])
            {
                distinct.Add(values[i]);
                share.Add((float)((i + 1) / (double)values.Count));
            }
        }

        return new CdfScale([.. distinct], [.. share]);
    }

    public override void Encode(Column column, Span<float> target)
    {
        var numbers = NumericView.Of(column);
        for (var row = 0; row < numbers.Length; row++)
        {
            target[row] = column.IsNull(row) ? NullCode
                : double.IsNaN(numbers[row]) ? NotANumberCode
                : ShareAtOrBelow(numbers[row]);
        }
    }

    // F(v): the share of fit values at or below v.
    private float ShareAtOrBelow(double value)
    {
        var index = Array.BinarySearch(_distinct, value);
        if (index >= 0)
        {
            return _share[index];
        }

        var below = ~index - 1;
        return below < 0 ? 0f : _share[below];
    }
}

/// <summary>Categories (text, booleans, integer codes) as whole-number codes; a category first seen in synthetic rows gets a new code.</summary>
internal sealed class CategoryScale : ColumnScale
{
    private const float NullCode = -1f;

    // Codes must stay exact in a float.
    private const int MaxCodes = 1 << 24;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

    public override void Encode(Column column, Span<float> target)
    {
        for (var row = 0; row < column.Count; row++)
        {
            target[row] = column.Format(row) is { } text ? CodeOf(text) : NullCode;
        }
    }

    private float CodeOf(string value)
    {
        if (!_codes.TryGetValue(value, out var code))
        {
            if (_codes.Count == MaxCodes)
            {
                throw new InvalidOperationException("Too many distinct categories in one column for the distance engine.");
            }

            code = _codes.Count;
            _codes.Add(value, code);
        }

        return code;
    }
}
