using System.Globalization;
using System.Text;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Report;

/// <summary>
/// Writes report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched: its
/// Content-Security-Policy forbids any load), readable offline and printable. Verdict first, then
/// privacy, then quality, then how the table was made. It shows aggregates only, every figure rounded to
/// 3 decimals, every text HTML-escaped.
/// </summary>
public static class ReportHtmlWriter
{
    private const string Style = """
        :root { --pass: #1b7f3b; --reject: #b3261e; --blocked: #9a5b00; --real: #3b6fb6; --synthetic: #e07b39; --line: #d8d8d8; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d1d1f; background: #fff; margin: 0 auto; max-width: 1120px; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid #1d1d1f; padding-bottom: 4px; } h3 { font-size: 15px; margin: 20px 0 6px; }
        p.meta, .note { color: #555; margin: 4px 0; } .note { font-size: 12.5px; }
        table { border-collapse: collapse; margin: 6px 0 12px; width: 100%; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: #f4f4f5; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .verdict { border-radius: 8px; padding: 16px 20px; color: #fff; margin: 16px 0; }
        .verdict strong { font-size: 26px; letter-spacing: 0.04em; } .verdict ul { margin: 8px 0 0; padding-left: 20px; }
        .pass { background: var(--pass); } .reject { background: var(--reject); } .blocked { background: var(--blocked); }
        .badge { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 12px; font-weight: 600; }
        .badge.notApplicable, .badge.warn { background: #6b6b6b; } .badge.fail { background: var(--reject); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 8px 0 16px; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        .card .label { color: #555; font-size: 12.5px; } .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(350px, 1fr)); gap: 14px 18px; }
        figure { margin: 0; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: 2px; overflow-wrap: anywhere; }
        .maps { display: flex; flex-wrap: wrap; gap: 18px; }
        svg text.axis { fill: #333; font-size: 11px; } svg text.value { fill: #555; font-size: 10px; }
        .legend span { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; }
        details summary { cursor: pointer; color: #333; margin: 6px 0; }
        code { font-size: 12px; overflow-wrap: anywhere; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11.5px; }
          h2 { break-after: avoid; } table, figure, .verdict, .cards { break-inside: avoid; }
          details > summary { display: none; } details { display: block; }
        }
        """;

    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append(Invariant($"<title>Synthetic data report: {Html.Escape(report.TableName)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n"));
        page.Append(Invariant($"<h1>Synthetic data report: {Html.Escape(report.TableName)}</h1>\n"));
        page.Append(Invariant($"<p class=\"meta\">Generated {Html.Escape(report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} under policy <strong>{Html.Escape(report.Policy.Name)}</strong>. Figures are rounded to 3 decimals; brackets give 95% confidence intervals; \u201creference\u201d is the real holdout measured against the real train split, what real data not seen by the model scores.</p>\n"));
        Verdict(page, report.Verdict);
        Privacy(page, report.Gate);
        Quality(page, report.Quality, report.QualityFloors);
        Provenance(page, report);
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private static void Verdict(StringBuilder page, ReleaseVerdict verdict)
    {
        var text = ReportJsonWriter.VerdictText(verdict.Verdict);
        var meaning = verdict.Verdict switch
        {
            GateVerdict.Pass => "The synthetic table may be released.",
            GateVerdict.Reject => "The synthetic table must not be released: a test found a problem.",
            _ => "The synthetic table must not be released: a test could not decide.",
        };
        page.Append(Invariant($"<section class=\"verdict {text.ToLowerInvariant()}\" id=\"verdict\"><strong>{text}</strong> \u2014 {meaning}"));
        List(page, verdict.Reasons);
        page.Append("</section>\n");
        if (verdict.Warnings.Count > 0)
        {
            page.Append("<p><span class=\"badge warn\">WARN</span> Quality floors set to warn that are not met:</p>");
            List(page, verdict.Warnings);
        }
    }

    private static void Privacy(StringBuilder page, GateDecision gate)
    {
        page.Append(Invariant($"<h2 id=\"privacy\">Privacy</h2>\n<p>Release gate: <strong>{ReportJsonWriter.VerdictText(gate.Verdict)}</strong>. Each test compares the synthetic table with the real train split, using the real holdout as the baseline of what chance alone gives.</p>\n"));
        page.Append("<table><thead><tr><th>Test</th><th>Outcome</th><th>Statistic</th><th class=\"num\">Value [95% CI]</th><th class=\"num\">Limit</th><th>Reason</th></tr></thead><tbody>\n");
        foreach (var test in gate.Tests)
        {
            var statistics = test.Statistics.Count == 0 ? [null] : test.Statistics.Cast<PrivacyStatistic?>().ToArray();
            for (var i = 0; i < statistics.Length; i++)
            {
                var statistic = statistics[i];
                page.Append("<tr>");
                if (i == 0)
                {
                    var span = statistics.Length;
                    page.Append(Invariant($"<td rowspan=\"{span}\"><strong>{test.Id}</strong> {Html.Escape(test.Name)}</td>"));
                    page.Append(Invariant($"<td rowspan=\"{span}\">{Outcome(test.Outcome)}</td>"));
                }

                page.Append(Invariant($"<td>{Html.Escape(statistic?.Name ?? "\u2014")}</td>"));
                page.Append(Invariant($"<td class=\"num\">{(statistic is null ? "\u2014" : PrivacyValue(statistic))}</td>"));
                page.Append(Invariant($"<td class=\"num\">{(statistic?.Limit is { } limit ? ReportFigures.Text(limit) : "\u2014")}</td>"));
                if (i == 0)
                {
                    page.Append(Invariant($"<td rowspan=\"{statistics.Length}\">{Html.Escape(test.Reason)}</td>"));
                }

                page.Append("</tr>\n");
            }
        }

        page.Append("</tbody></table>\n");
        if (gate.Attempts.Count > 1)
        {
            page.Append("<h3>Attempts</h3><p class=\"note\">Each attempt is a whole new synthetic table from more conservative training or sampling; rows are never deleted to pass.</p>");
            page.Append("<table><thead><tr><th>Attempt</th><th class=\"num\">Epoch scale</th><th class=\"num\">Capacity scale</th><th class=\"num\">Temperature</th><th>Verdict</th><th class=\"num\">Seconds</th></tr></thead><tbody>\n");
            for (var a = 0; a < gate.Attempts.Count; a++)
            {
                var attempt = gate.Attempts[a];
                var settings = attempt.Settings;
                page.Append(Invariant($"<tr><td>{a + 1}</td><td class=\"num\">{Figure(settings?.EpochScale)}</td><td class=\"num\">{Figure(settings?.CapacityScale)}</td><td class=\"num\">{Figure(settings?.SamplingTemperature)}</td><td>{ReportJsonWriter.VerdictText(attempt.Verdict)}</td><td class=\"num\">{ReportFigures.Seconds(attempt.Duration)}</td></tr>\n"));
            }

            page.Append("</tbody></table>\n");
        }
    }

    private static void Quality(StringBuilder page, QualityReport quality, IReadOnlyList<QualityFloorResult> floors)
    {
        page.Append("<h2 id=\"quality\">Quality</h2>\n");
        page.Append(Invariant($"<p class=\"note\">Synthetic table ({ReportFigures.Text(quality.Settings.SyntheticRows)} rows) against the real train split ({ReportFigures.Text(quality.Settings.TrainRows)} rows); reference: the real holdout ({ReportFigures.Text(quality.Settings.HoldoutRows)} rows). Intervals from {ReportFigures.Text(quality.Settings.BootstrapReplicates)} seeded bootstrap resamples (seed {ReportFigures.Text(quality.Settings.Seed)}).</p>\n"));
        var efficacy = quality.MlEfficacy;
        var headline = efficacy.Task == Tables.PredictionTask.Classification ? DownstreamMetrics.Accuracy : DownstreamMetrics.RSquared;
        page.Append("<div class=\"cards\">");
        Card(page, "Column shapes (1 = identical)", quality.ColumnShapes.Average);
        Card(page, "Column-pair trends (1 = identical)", quality.PairTrends.Average);
        Card(page, "Discriminator AUC (0.5 = indistinguishable)", new ComparedScore(quality.Discriminator.SyntheticVsTrain, quality.Discriminator.HoldoutVsTrain));
        Card(page, "Coverage", quality.DensityCoverage.Coverage);
        Card(page, Invariant($"ML efficacy: {headline} on holdout"), new ComparedScore(efficacy.TrainedOnSynthetic[headline], efficacy.TrainedOnReal[headline]), "trained on real");
        page.Append("</div>\n");

        if (floors.Count > 0)
        {
            page.Append("<h3>Quality floors of the policy</h3><table><thead><tr><th>Metric</th><th class=\"num\">Value</th><th class=\"num\">Floor</th><th>Action</th><th>Status</th></tr></thead><tbody>\n");
            foreach (var floor in floors)
            {
                var status = floor.Met ? "met" : Invariant($"<span class=\"badge {(floor.Action == Policies.FloorAction.Fail ? "fail" : "warn")}\">not met</span>");
                page.Append(Invariant($"<tr><td>{Html.Escape(floor.Metric)}</td><td class=\"num\">{ReportFigures.TextAgainst(floor.Value, floor.Bound)}</td><td class=\"num\">{(floor.IsMaximum ? "\u2264 " : "\u2265 ")}{ReportFigures.Text(floor.Bound)}</td><td>{Html.Escape(floor.Action.ToString().ToLowerInvariant())}</td><td>{status}</td></tr>\n"));
            }

            page.Append("</tbody></table>\n");
        }

        Columns(page, quality);
        Distributions(page, quality.Distributions);
        HeatMaps(page, quality);
        Efficacy(page, efficacy);
        Discriminator(page, quality.Discriminator, quality.DensityCoverage);
    }

    private static void Columns(StringBuilder page, QualityReport quality)
    {
        page.Append("<h3>Per column</h3><p class=\"note\">Shape: 1 \u2212 Kolmogorov\u2013Smirnov statistic (numbers, dates) or 1 \u2212 total variation distance (categories). Adherence: share of synthetic values within the train split's categories or range. Inverse KL: 1 / (1 + KL divergence) over bins. Each beside the holdout reference.</p>\n");
        page.Append("<table><thead><tr><th>Column</th><th>Kind</th><th class=\"num\">Shape [95% CI]</th><th class=\"num\">ref.</th><th class=\"num\">Missing real / synth.</th><th class=\"num\">Adherence</th><th class=\"num\">ref.</th><th class=\"num\">Inverse KL</th><th class=\"num\">ref.</th></tr></thead><tbody>\n");
        for (var c = 0; c < quality.ColumnShapes.Columns.Count; c++)
        {
            var shape = quality.ColumnShapes.Columns[c];
            var nulls = quality.NullRates.Columns[c];
            var adherence = quality.Adherence.Columns[c];
            var kl = quality.InverseKl.Columns[c];
            page.Append(Invariant($"<tr><td>{Html.Escape(shape.Column)}</td><td>{shape.Kind.ToString().ToLowerInvariant()}</td>"));
            page.Append(Invariant($"<td class=\"num\">{WithInterval(shape.Score.Synthetic)}</td><td class=\"num\">{ReportFigures.Text(shape.Score.Reference.Value)}</td>"));
            page.Append(Invariant($"<td class=\"num\">{ReportFigures.Text(nulls.TrainRate)} / {ReportFigures.Text(nulls.SyntheticRate)}</td>"));
            page.Append(Invariant($"<td class=\"num\">{WithInterval(adherence.Score.Synthetic)}</td><td class=\"num\">{ReportFigures.Text(adherence.Score.Reference.Value)}</td>"));
            page.Append(Invariant($"<td class=\"num\">{WithInterval(kl.Score.Synthetic)}</td><td class=\"num\">{ReportFigures.Text(kl.Score.Reference.Value)}</td></tr>\n"));
        }

        page.Append(Invariant($"<tr><th>Average</th><th></th><th class=\"num\">{WithInterval(quality.ColumnShapes.Average.Synthetic)}</th><th class=\"num\">{ReportFigures.Text(quality.ColumnShapes.Average.Reference.Value)}</th><th class=\"num\">|\u0394| {ReportFigures.Text(quality.NullRates.AverageDifference.Synthetic.Value)}</th><th class=\"num\">{WithInterval(quality.Adherence.Average.Synthetic)}</th><th class=\"num\">{ReportFigures.Text(quality.Adherence.Average.Reference.Value)}</th><th class=\"num\">{WithInterval(quality.InverseKl.Average.Synthetic)}</th><th class=\"num\">{ReportFigures.Text(quality.InverseKl.Average.Reference.Value)}</th></tr>\n"));
        page.Append("</tbody></table>\n");
        if (quality.IdentifierColumns.Count > 0)
        {
            page.Append(Invariant($"<p class=\"note\">Not compared, being identifier-like (nearly every value unique; the policy drops or replaces such columns): {Html.Escape(string.Join(", ", quality.IdentifierColumns))}.</p>\n"));
        }
    }

    private static void Distributions(StringBuilder page, IReadOnlyList<ColumnDistribution> distributions)
    {
        page.Append(Invariant($"<h3>Distributions, real vs synthetic</h3><p class=\"note legend\">Share of rows with a value, per bin:<span style=\"background:{SvgCharts.RealColour}\"></span>real (train)<span style=\"background:{SvgCharts.SyntheticColour}\"></span>synthetic. Numbers are cut between the train split's 1% and 99% quantiles (extremes fall in the end bins); bins and categories with fewer than 5 real rows are merged.</p>\n<div class=\"charts\">\n"));
        foreach (var distribution in distributions)
        {
            page.Append(Invariant($"<figure><figcaption>{Html.Escape(distribution.Column)}</figcaption>{SvgCharts.Distribution(distribution)}"));
            page.Append(Invariant($"<div class=\"note\">missing: real {ReportFigures.Text(distribution.RealMissingShare)}, synthetic {ReportFigures.Text(distribution.SyntheticMissingShare)}</div></figure>\n"));
        }

        page.Append("</div>\n");
    }

    private static void HeatMaps(StringBuilder page, QualityReport quality)
    {
        var columns = quality.ColumnShapes.Columns.Select(shape => shape.Column).ToArray();
        var index = columns.Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
        var real = new double[columns.Length, columns.Length];
        var synthetic = new double[columns.Length, columns.Length];
        foreach (var pair in quality.PairTrends.Pairs)
        {
            var (a, b) = (index[pair.First], index[pair.Second]);
            (real[a, b], real[b, a]) = (pair.RealAssociation, pair.RealAssociation);
            (synthetic[a, b], synthetic[b, a]) = (pair.SyntheticAssociation, pair.SyntheticAssociation);
        }

        page.Append(Invariant($"<h3>Column-pair associations</h3><p class=\"note\">Pearson correlation for pairs of numeric columns (blue \u22121 to red +1), Cram\u00e9r\u2019s V for any other pair (0 to 1, numbers binned). Pair-trend score: {WithInterval(quality.PairTrends.Average.Synthetic)} (reference {ReportFigures.Text(quality.PairTrends.Average.Reference.Value)}).</p>\n<div class=\"maps\">\n"));
        page.Append(Invariant($"<figure><figcaption>Real (train)</figcaption>{SvgCharts.HeatMap("Associations in the real train split", columns, (r, c) => real[r, c], signed: true)}</figure>\n"));
        page.Append(Invariant($"<figure><figcaption>Synthetic</figcaption>{SvgCharts.HeatMap("Associations in the synthetic table", columns, (r, c) => synthetic[r, c], signed: true)}</figure>\n"));
        page.Append(Invariant($"<figure><figcaption>|Real \u2212 synthetic|</figcaption>{SvgCharts.HeatMap("Absolute difference of associations", columns, (r, c) => Math.Abs(real[r, c] - synthetic[r, c]), signed: false)}</figure>\n"));
        page.Append("</div>\n");
        if (quality.PairTrends.Pairs.Count > 0)
        {
            page.Append(Invariant($"<details><summary>All {quality.PairTrends.Pairs.Count} column pairs</summary><table><thead><tr><th>Columns</th><th>Metric</th><th class=\"num\">Score [95% CI]</th><th class=\"num\">ref.</th></tr></thead><tbody>\n"));
            foreach (var pair in quality.PairTrends.Pairs.OrderBy(pair => pair.Score.Synthetic.Value))
            {
                page.Append(Invariant($"<tr><td>{Html.Escape(pair.First)} \u00d7 {Html.Escape(pair.Second)}</td><td>{Html.Escape(pair.Metric.Replace('_', ' '))}</td><td class=\"num\">{WithInterval(pair.Score.Synthetic)}</td><td class=\"num\">{ReportFigures.Text(pair.Score.Reference.Value)}</td></tr>\n"));
            }

            page.Append("</tbody></table></details>\n");
        }
    }

    private static void Efficacy(StringBuilder page, MlEfficacyResult efficacy)
    {
        page.Append(Invariant($"<h3>ML efficacy</h3><p class=\"note\">Gradient-boosted trees predict <strong>{Html.Escape(efficacy.Target)}</strong> ({efficacy.Task.ToString().ToLowerInvariant()}): one trained on the synthetic table, one on the real train split, both scored on the {ReportFigures.Text(efficacy.HoldoutRows)} real holdout rows. Gap = synthetic \u2212 real, with a paired interval.</p>\n"));
        if (efficacy.TrainedOnSynthetic.MissingClasses > 0)
        {
            page.Append(Invariant($"<p><span class=\"badge fail\">0</span> The synthetic table lacks {ReportFigures.Text(efficacy.TrainedOnSynthetic.MissingClasses)} of the train split's classes, so its model scores 0 on every metric.</p>\n"));
        }

        page.Append("<table><thead><tr><th>Metric</th><th class=\"num\">Trained on synthetic</th><th class=\"num\">Trained on real</th><th class=\"num\">Gap</th></tr></thead><tbody>\n");
        foreach (var metric in efficacy.TrainedOnSynthetic.Metrics)
        {
            page.Append(Invariant($"<tr><td>{Html.Escape(metric.Name)}</td><td class=\"num\">{WithInterval(metric.Estimate)}</td><td class=\"num\">{WithInterval(efficacy.TrainedOnReal[metric.Name])}</td><td class=\"num\">{WithInterval(efficacy.Gap[metric.Name])}</td></tr>\n"));
        }

        page.Append("</tbody></table>\n");
    }

    private static void Discriminator(StringBuilder page, DiscriminatorResult discriminator, DensityCoverageResult density)
    {
        page.Append(Invariant($"<h3>Discriminator</h3><p class=\"note\">Gradient-boosted trees try to tell rows apart ({ReportFigures.Text(discriminator.Folds)}-fold cross-validated ROC AUC on {ReportFigures.Text(discriminator.RowsPerSide)} rows per side): 0.5 means they cannot, 1 means always.</p>\n"));
        page.Append("<table><thead><tr><th>Comparison</th><th class=\"num\">AUC [95% CI]</th></tr></thead><tbody>\n");
        page.Append(Invariant($"<tr><td>Synthetic vs real train</td><td class=\"num\">{WithInterval(discriminator.SyntheticVsTrain)}</td></tr>\n"));
        page.Append(Invariant($"<tr><td>Real holdout vs real train (reference)</td><td class=\"num\">{WithInterval(discriminator.HoldoutVsTrain)}</td></tr>\n"));
        page.Append("</tbody></table>\n");
        page.Append(Invariant($"<h3>Density and coverage</h3><p class=\"note\">Naeem et al. (2020), k = {ReportFigures.Text(density.NearestNeighbours)} nearest neighbours, {ReportFigures.Text(density.RowsPerSide)} sampled rows per side. Density near 1 means synthetic rows sit where real rows are; coverage is the share of real rows with a synthetic row nearby.</p>\n"));
        page.Append("<table><thead><tr><th>Metric</th><th class=\"num\">Synthetic [95% CI]</th><th class=\"num\">Holdout (reference)</th></tr></thead><tbody>\n");
        page.Append(Invariant($"<tr><td>Density</td><td class=\"num\">{WithInterval(density.Density.Synthetic)}</td><td class=\"num\">{WithInterval(density.Density.Reference)}</td></tr>\n"));
        page.Append(Invariant($"<tr><td>Coverage</td><td class=\"num\">{WithInterval(density.Coverage.Synthetic)}</td><td class=\"num\">{WithInterval(density.Coverage.Reference)}</td></tr>\n"));
        page.Append("</tbody></table>\n");
    }

    private static void Provenance(StringBuilder page, EvaluationReport report)
    {
        page.Append(Invariant($"<h2 id=\"provenance\">How the table was made</h2>\n<p>{Html.Escape(report.Provenance.Source)}</p>\n"));
        if (report.Provenance.Details.Count > 0)
        {
            page.Append("<table><tbody>\n");
            foreach (var item in report.Provenance.Details)
            {
                page.Append(Invariant($"<tr><th>{Html.Escape(item.Name)}</th><td>{Html.Escape(item.Value)}</td></tr>\n"));
            }

            page.Append("</tbody></table>\n");
        }

        page.Append("<h3>Inputs</h3><table><thead><tr><th>Role</th><th>File</th><th class=\"num\">Rows</th><th class=\"num\">Columns</th><th class=\"num\">Bytes</th><th>SHA-256</th></tr></thead><tbody>\n");
        foreach (var input in report.Inputs)
        {
            page.Append(Invariant($"<tr><td>{Html.Escape(input.Role)}</td><td>{Html.Escape(input.FileName)}</td><td class=\"num\">{ReportFigures.Text(input.Rows)}</td><td class=\"num\">{ReportFigures.Text(input.Columns)}</td><td class=\"num\">{ReportFigures.Text(input.Bytes)}</td><td><code>{Html.Escape(input.Sha256)}</code></td></tr>\n"));
        }

        page.Append("</tbody></table>\n");
        page.Append("<h3>Seeds</h3><p>");
        page.Append(string.Join(", ", report.Seeds.Select(seed => Invariant($"{Html.Escape(seed.Purpose)} {seed.Value}"))));
        page.Append("</p>\n");
        page.Append(Invariant($"<h3>Policy: {Html.Escape(report.Policy.Name)}</h3><p>{Html.Escape(report.Policy.Description)}</p>\n"));
        page.Append("<details><summary>Every policy value</summary><table><thead><tr><th>Key</th><th>Value</th></tr></thead><tbody>\n");
        foreach (var setting in report.Policy.Settings)
        {
            page.Append(Invariant($"<tr><td><code>{Html.Escape(setting.Key)}</code></td><td>{Html.Escape(setting.Value)}</td></tr>\n"));
        }

        page.Append("</tbody></table></details>\n");
        page.Append("<h3>Timings</h3><table><thead><tr><th>Stage</th><th class=\"num\">Seconds</th></tr></thead><tbody>\n");
        foreach (var timing in report.Timings)
        {
            page.Append(Invariant($"<tr><td>{Html.Escape(timing.Stage)}</td><td class=\"num\">{ReportFigures.Seconds(timing.Elapsed)}</td></tr>\n"));
        }

        page.Append("</tbody></table>\n");
    }

    private static void Card(StringBuilder page, string label, ComparedScore score, string referenceName = "reference")
    {
        page.Append(Invariant($"<div class=\"card\"><div class=\"label\">{Html.Escape(label)}</div><div class=\"value\">{ReportFigures.Text(score.Synthetic.Value)}</div>"));
        page.Append(Invariant($"<div class=\"note\">{Interval(score.Synthetic)} \u00b7 {referenceName} {ReportFigures.Text(score.Reference.Value)}</div></div>"));
    }

    private static string WithInterval(Estimate estimate) =>
        estimate.HasInterval && double.IsFinite(estimate.Value)
            ? Invariant($"{ReportFigures.Text(estimate.Value)} {Interval(estimate)}")
            : ReportFigures.Text(estimate.Value);

    private static string Interval(Estimate estimate) =>
        estimate.HasInterval && double.IsFinite(estimate.Value)
            ? Invariant($"[{ReportFigures.Text(estimate.Lower!.Value)}, {ReportFigures.Text(estimate.Upper!.Value)}]")
            : "no interval";

    private static string PrivacyValue(PrivacyStatistic statistic) => statistic.Interval is { } interval
        ? Invariant($"{ReportFigures.Text(statistic.Value)} [{ReportFigures.Text(interval.Lower)}, {ReportFigures.Text(interval.Upper)}]")
        : ReportFigures.Text(statistic.Value);

    private static string Outcome(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Pass => "<span class=\"badge pass\">PASS</span>",
        TestOutcome.Fail => "<span class=\"badge reject\">FAIL</span>",
        TestOutcome.Blocked => "<span class=\"badge blocked\">BLOCKED</span>",
        _ => "<span class=\"badge notApplicable\">N/A</span>",
    };

    private static string Figure(double? value) => value is { } number ? ReportFigures.Text(number) : "\u2014";

    private static void List(StringBuilder page, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        page.Append("<ul>");
        foreach (var item in items)
        {
            page.Append(Invariant($"<li>{Html.Escape(item)}</li>"));
        }

        page.Append("</ul>");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
