namespace PredLlm.Synth.Job;

/// <summary>
/// Options a user gives with one table; each overrides the policy's default when set.
/// </summary>
/// <param name="TargetColumn">The column to predict (default: the policy's, else the last column).</param>
/// <param name="PolicyName">The policy to gate with, a name under <c>policies/</c> without <c>.json</c> (default: <c>default</c>).</param>
public sealed record TableOptions(string? TargetColumn, string? PolicyName)
{
    public static TableOptions None { get; } = new(null, null);
}
