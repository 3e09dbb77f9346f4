using System.Globalization;
using System.Text;
using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Report;

/// <summary>
/// The report's inline SVG figures: a column's distribution as paired horizontal bars (real, synthetic)
/// and association heat maps. Every text goes through <see cref="Html.Escape"/>; the figures use
/// nothing but SVG elements, so the page needs no script and no external file.
/// </summary>
internal static class SvgCharts
{
    public const string RealColour = "#3b6fb6";
    public const string SyntheticColour = "#e07b39";

    private const int ChartWidth = 340;
    private const int LabelWidth = 118;
    private const int BarArea = ChartWidth - LabelWidth - 44;
    private const int RowHeight = 18;
    private const int LabelCharacters = 18;

    public static string Distribution(ColumnDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var bins = distribution.Bins;
        var height = (bins.Count * RowHeight) + 8;
        var largest = bins.Count == 0 ? 1 : Math.Max(1e-9, bins.Max(bin => Math.Max(bin.RealShare, bin.SyntheticShare)));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" role=\"img\" width=\"{ChartWidth}\" height=\"{height}\" viewBox=\"0 0 {ChartWidth} {height}\">"));
        svg.Append(Invariant($"<title>{Html.Escape(distribution.Column)}: real and synthetic shares per bin</title>"));
        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var y = 4 + (i * RowHeight);
            var realWidth = BarArea * bin.RealShare / largest;
            var syntheticWidth = BarArea * bin.SyntheticShare / largest;
            svg.Append(Invariant($"<g><title>{Html.Escape(bin.Label)}: real {ReportFigures.Text(bin.RealShare)}, synthetic {ReportFigures.Text(bin.SyntheticShare)}</title>"));
            svg.Append(Invariant($"<text x=\"{LabelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\" class=\"axis\">{Html.Escape(Shorten(bin.Label))}</text>"));
            svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 1}\" width=\"{realWidth:0.#}\" height=\"7\" fill=\"{RealColour}\"/>"));
            svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y + 9}\" width=\"{syntheticWidth:0.#}\" height=\"7\" fill=\"{SyntheticColour}\"/>"));
            svg.Append(Invariant($"<text x=\"{LabelWidth + Math.Max(realWidth, syntheticWidth) + 4:0.#}\" y=\"{y + 12}\" class=\"value\">{ReportFigures.Text(bin.RealShare)}</text></g>"));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// An n x n heat map of <paramref name="value"/>(row, column); NaN cells are grey. Signed maps run
    /// blue (-1) through white to red (+1); unsigned ones white to purple over [0, 1].
    /// </summary>
    public static string HeatMap(string title, IReadOnlyList<string> columns, Func<int, int, double> value, bool signed)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(value);
        // Room for the labels: on the left, and above where they rise at 60 degrees and lean right.
        const int margin = 120;
        const int rightRoom = 60;
        var cell = Math.Clamp(230 / Math.Max(1, columns.Count), 6, 26);
        var size = margin + (cell * columns.Count) + 4;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"heatmap\" role=\"img\" width=\"{size + rightRoom}\" height=\"{size}\" viewBox=\"0 0 {size + rightRoom} {size}\">"));
        svg.Append(Invariant($"<title>{Html.Escape(title)}</title>"));
        var fontSize = Math.Min(11, cell);
        for (var i = 0; i < columns.Count; i++)
        {
            var name = Html.Escape(Shorten(columns[i]));
            var centre = margin + (i * cell) + (cell / 2.0);
            svg.Append(Invariant($"<text x=\"{margin - 4}\" y=\"{centre + 3:0.#}\" text-anchor=\"end\" font-size=\"{fontSize}\" class=\"axis\">{name}</text>"));
            svg.Append(Invariant($"<text transform=\"translate({centre + 3:0.#},{margin - 4}) rotate(-60)\" font-size=\"{fontSize}\" class=\"axis\">{name}</text>"));
        }

        for (var row = 0; row < columns.Count; row++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                var v = value(row, column);
                var fill = row == column ? "#d9d9d9" : Colour(v, signed);
                svg.Append(Invariant($"<rect x=\"{margin + (column * cell)}\" y=\"{margin + (row * cell)}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{fill}\">"));
                svg.Append(Invariant($"<title>{Html.Escape(columns[row])} \u00d7 {Html.Escape(columns[column])}: {ReportFigures.Text(v)}</title></rect>"));
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Colour(double value, bool signed)
    {
        if (!double.IsFinite(value))
        {
            return "#eeeeee";
        }

        // Interpolate from white towards the end colour by |value|.
        var (r, g, b) = signed
            ? value >= 0 ? (178, 24, 43) : (33, 102, 172)
            : (84, 39, 143);
        var t = Math.Clamp(Math.Abs(value), 0, 1);
        return Invariant($"#{Mix(r, t):x2}{Mix(g, t):x2}{Mix(b, t):x2}");

        static int Mix(int channel, double t) => (int)Math.Round(255 + ((channel - 255) * t));
    }

    private static string Shorten(string text) =>
        text.Length <= LabelCharacters ? text : string.Concat(text.AsSpan(0, LabelCharacters - 1), "\u2026");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
