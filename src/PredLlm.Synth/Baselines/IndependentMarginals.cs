using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Baselines;

/// <summary>
/// The floor every synthesizer must beat: each column is drawn on its own from the train values (nulls
/// included), so every marginal is right and every relation between columns is lost.
/// </summary>
public sealed class IndependentMarginals : ISynthesizer
{
    public string Name => "independent marginals";

    public Table Generate(Table train, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        var random = new Random(seed);
        return new Table(train.Columns.Select(column =>
        {
            var picks = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                picks[i] = random.Next(train.RowCount);
            }
            return column.TakeRows(picks);
        }));
    }
}
