using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Privacy.Statistics;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// Attribute inference (Anonymeter): knowing a record's quasi-identifiers, guess its sensitive value as
/// that of the closest synthetic row on those columns. A category must match; a number must lie within
/// the policy's relative tolerance of the true value.
/// </summary>
internal static class InferenceAttack
{
    public static AttackRates Run(AttackSetting setting, int secret, string secretName)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var context = setting.Context;
        var name = $"inference of '{secretName}'";
        var auxiliary = setting.QuasiIdentifiers.Where(column => column != secret).ToArray();
        if (auxiliary.Length == 0)
        {
            return new AttackRates(name, new Proportion(0, 0), new Proportion(0, 0));
        }

        var secretColumn = context.DistanceColumns[secret];
        var ordered = context.IsOrdered(secret);
        var guesses = new SecretValues(context.SyntheticRows[secretColumn], context.Synthetic.Column(secret).ToArray(), ordered);
        return new AttackRates(
            name,
            Guessed(context, context.TrainRows, context.Train, setting.Targets, secret, auxiliary, guesses),
            Guessed(context, context.HoldoutRows, context.Holdout, setting.Control, secret, auxiliary, guesses));
    }

    private static Proportion Guessed(GateContext context, Table table, EncodedRows encoded, int[] rows, int secret, int[] auxiliary, SecretValues guesses)
    {
        var records = encoded.Take(rows);
        var truth = new SecretValues(table[context.DistanceColumns[secret]], encoded.Column(secret).ToArray(), context.IsOrdered(secret));
        var nearest = context.Nearest(records, context.Synthetic, 1, auxiliary);
        var tolerance = context.Rules.Anonymeter.NumericTolerance;
        var correct = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            correct += truth.Agrees(rows[i], guesses, nearest.Index(i), tolerance) ? 1 : 0;
        }

        return new Proportion(correct, rows.Length);
    }

    /// <summary>A column's values as the attack compares them: numbers with a tolerance, anything else by its distance-space code.</summary>
    private sealed class SecretValues
    {
        private readonly double[]? _numbers;
        private readonly float[] _codes;
        private readonly Column _column;

        public SecretValues(Column column, float[] codes, bool ordered)
        {
            _column = column;
            _codes = codes;
            _numbers = ordered ? NumericView.Of(column) : null;
        }

        public bool Agrees(int row, SecretValues guesses, int guessRow, double tolerance)
        {
            var isNull = _column.IsNull(row);
            if (isNull || guesses._column.IsNull(guessRow))
            {
                return isNull == guesses._column.IsNull(guessRow);
            }

            return _numbers is null
                ? _codes[row] == guesses._codes[guessRow]
                : Math.Abs(_numbers[row] - guesses._numbers![guessRow]) <= tolerance * Math.Abs(_numbers[row]);
        }
    }
}
