using PredLlm.Synth.Privacy.Statistics;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P7: replay of values the model should not have kept. A value that occurs at most a few times in train
/// (a rare category, an exact unusual number) identifies its rows; synthetic rows carrying one are
/// compared with holdout rows carrying one, which is how often fresh data meets such values by chance.
/// Any real value of an identifier-like column in the synthetic table fails outright.
/// </summary>
internal sealed class ReplayTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P7;

    public string Name => "rare-value and identifier replay";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.RareValues;
        var level = context.Rules.ConfidenceLevel;
        var inputs = context.Inputs;
        var rare = context.DistanceColumns.Select(name => RareValues(inputs.Train[name], rules.MaxTrainCount)).ToArray();
        var synthetic = RowsWithRareValue(inputs.Synthetic, context.DistanceColumns, rare);
        var holdout = RowsWithRareValue(inputs.Holdout, context.DistanceColumns, rare);
        var p = synthetic.PValueAbove(holdout);
        var identifierReplays = inputs.IdentifierColumns
            .Where(name => inputs.Synthetic.TryGetColumn(name, out _))
            .Select(name => (Column: name, Replays: IdentifierReplays(inputs, name)))
            .Where(entry => entry.Replays > 0)
            .ToArray();

        var statistics = new List<PrivacyStatistic>
        {
            new("share of synthetic rows carrying a value rare in train", synthetic.Share, synthetic.Wilson(level)),
            new("share of holdout rows carrying a value rare in train", holdout.Share, holdout.Wilson(level)),
            new("p-value of the excess", p),
            new("identifier values replayed", identifierReplays.Sum(entry => entry.Replays), Limit: 0),
        };

        var failures = new List<string>();
        if (p < rules.Alpha && synthetic.Share > holdout.Share)
        {
            failures.Add(
                $"{Figures.Percent(synthetic.Share)} of synthetic rows carry a value seen at most {Figures.Of(rules.MaxTrainCount)} time(s) in train, "
                + $"against {Figures.Percent(holdout.Share)} of holdout rows (p = {Figures.Of(p)}).");
        }

        failures.AddRange(identifierReplays.Select(entry =>
            $"Identifier column '{entry.Column}' holds {Figures.Of(entry.Replays)} real value(s) in the synthetic table."));
        return failures.Count > 0
            ? new PrivacyTestResult(Id, Name, TestOutcome.Fail, string.Join(" ", failures), statistics)
            : new PrivacyTestResult(Id, Name, TestOutcome.Pass,
                $"Values rare in train come back no more often than in real unseen rows ({Figures.Percent(synthetic.Share)} vs {Figures.Percent(holdout.Share)}), and no identifier value is replayed.",
                statistics);
    }

    private static HashSet<string> RareValues(Column column, int maxCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < column.Count; row++)
        {
            var text = column.Format(row);
            if (text is not null)
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
        }

        return new HashSet<string>(counts.Where(pair => pair.Value <= maxCount).Select(pair => pair.Key), StringComparer.Ordinal);
    }

    private static Proportion RowsWithRareValue(Table table, IReadOnlyList<string> columns, HashSet<string>[] rare)
    {
        var selected = columns.Select(name => table[name]).ToArray();
        var hits = 0;
        for (var row = 0; row < table.RowCount; row++)
        {
            var hit = false;
            for (var c = 0; c < selected.Length && !hit; c++)
            {
                var text = selected[c].Format(row);
                hit = text is not null && rare[c].Contains(text);
            }

            hits += hit ? 1 : 0;
        }

        return new Proportion(hits, table.RowCount);
    }

    // Synthetic values of the column that are values of the real table (train or holdout).
    private static int IdentifierReplays(GateInputs inputs, string name)
    {
        var real = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { inputs.Train, inputs.Holdout })
        {
            var column = table[name];
            for (var row = 0; row < column.Count; row++)
            {
                if (column.Format(row) is { } text)
                {
                    real.Add(text);
                }
            }
        }

        var synthetic = inputs.Synthetic[name];
        var replays = 0;
        for (var row = 0; row < synthetic.Count; row++)
        {
            replays += synthetic.Format(row) is { } text && real.Contains(text) ? 1 : 0;
        }

        return replays;
    }
}
