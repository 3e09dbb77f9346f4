using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// Linkability (Anonymeter): the attacker holds two releases of the same people, one with some of the
/// quasi-identifiers and one with the rest, and links them through the synthetic table. A record is
/// linked when its nearest synthetic rows on the first half of the columns and on the second half share
/// a row (k nearest each, from the policy).
/// </summary>
internal static class LinkabilityAttack
{
    public const string Name = "linkability";

    public static AttackRates Run(AttackSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var context = setting.Context;
        var columns = setting.QuasiIdentifiers.ToArray();
        if (columns.Length < 2)
        {
            // One column cannot be split in two releases: nothing to link, and too little to judge.
            return new AttackRates(Name, new Proportion(0, 0), new Proportion(0, 0));
        }

        setting.Random.Shuffle(columns);
        var half = columns.Length / 2;
        int[] first = columns[..half], second = columns[half..];
        return new AttackRates(
            Name,
            Linked(context, context.Train.Take(setting.Targets), first, second),
            Linked(context, context.Holdout.Take(setting.Control), first, second));
    }

    private static Proportion Linked(GateContext context, EncodedRows records, int[] first, int[] second)
    {
        var k = context.Rules.Anonymeter.LinkabilityNeighbours;
        var byFirst = context.Nearest(records, context.Synthetic, k, first);
        var bySecond = context.Nearest(records, context.Synthetic, k, second);
        var linked = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var shared = false;
            for (var a = 0; a < k && !shared; a++)
            {
                for (var b = 0; b < k && !shared; b++)
                {
                    shared = byFirst.Index(i, a) >= 0 && byFirst.Index(i, a) == bySecond.Index(i, b);
                }
            }

            linked += shared ? 1 : 0;
        }

        return new Proportion(linked, records.Count);
    }
}
