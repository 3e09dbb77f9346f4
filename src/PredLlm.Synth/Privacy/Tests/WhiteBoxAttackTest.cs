using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P4: membership inference with the model itself. A model that memorised its train rows gives them a
/// higher likelihood than real rows it never saw; the attack scores each row by minus its negative
/// log-likelihood. Fails when its AUC or its true-positive rate at the policy's low false-positive rate
/// passes the limits. Without a model it is not applicable where the policy allows, and blocks otherwise.
/// </summary>
internal sealed class WhiteBoxAttackTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P4;

    public string Name => "white-box membership inference";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.WhiteBox;
        var model = context.Inputs.Model;
        if (model is null)
        {
            return context.Inputs.ModelRequired || rules.WithoutModel == MissingModelHandling.Block
                ? new PrivacyTestResult(Id, Name, TestOutcome.Blocked, "No model likelihood was given, and this release needs the white-box test.", [])
                : new PrivacyTestResult(Id, Name, TestOutcome.NotApplicable, "The synthetic table was made without a model the gate can query, so the white-box test does not apply.", []);
        }

        var (members, nonMembers) = context.MembershipSample(rules.MaxRowsPerGroup, Id);
        if (members.Length == 0)
        {
            return new PrivacyTestResult(Id, Name, TestOutcome.Blocked, "No rows to attack.", []);
        }

        var scores = new MembershipScores(
            Scores(model, context, context.TrainRows.TakeRows(members)),
            Scores(model, context, context.HoldoutRows.TakeRows(nonMembers)));
        var level = context.Rules.ConfidenceLevel;
        var (auc, aucInterval) = scores.Auc(level);
        var (tpr, tprInterval) = scores.TruePositiveRateAt(rules.LowFpr, level, context.Rules.BootstrapRounds, context.Inputs.Seed);
        var outcome = Power.Worst(
            Power.Judge(auc, aucInterval, rules.MaxAuc, Power.SufficesForAuc(members.Length, nonMembers.Length, rules.MaxAuc, context.PowerZ)),
            Power.Judge(tpr, tprInterval, rules.MaxTprAtLowFpr,
                Power.SufficesForTruePositiveRate(members.Length, nonMembers.Length, rules.LowFpr, rules.MaxTprAtLowFpr, context.PowerZ)));
        var statistics = new List<PrivacyStatistic>
        {
            new("attack AUC", auc, aucInterval, rules.MaxAuc),
            new($"true-positive rate at {Figures.Percent(rules.LowFpr)} false positives", tpr, tprInterval, rules.MaxTprAtLowFpr),
            new("rows per group", members.Length),
        };
        var finding = $"the model's likelihood tells train rows from unseen rows with AUC {Figures.Of(auc)} and finds {Figures.Percent(tpr)} of train rows "
            + $"at {Figures.Percent(rules.LowFpr)} false positives (limits {Figures.Of(rules.MaxAuc)} and {Figures.Percent(rules.MaxTprAtLowFpr)})";
        var reason = outcome switch
        {
            TestOutcome.Fail => $"The model memorised its train rows: {finding}.",
            TestOutcome.Blocked => $"Too few rows ({Figures.Of(members.Length)} per group) to decide: {finding}.",
            _ => $"Within limits: {finding}.",
        };
        return new PrivacyTestResult(Id, Name, outcome, reason, statistics);
    }

    // Higher score = more likely a member: minus the negative log-likelihood.
    private static double[] Scores(IRowLikelihood model, GateContext context, Tables.Table rows)
    {
        var likelihoods = model.NegativeLogLikelihoods(rows.SelectColumns(context.DistanceColumns), context.Cancellation);
        if (likelihoods.Count != rows.RowCount || likelihoods.Any(value => !double.IsFinite(value)))
        {
            throw new InvalidOperationException("The model did not return one finite negative log-likelihood per row.");
        }

        return [.. likelihoods.Select(value => -value)];
    }
}
