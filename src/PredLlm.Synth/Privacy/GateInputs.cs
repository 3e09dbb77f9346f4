using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy;

/// <summary>
/// The model's likelihood of rows, for the white-box membership test (P4): the model that made the
/// synthetic table scores train rows it learned from and holdout rows it never saw.
/// </summary>
public interface IRowLikelihood
{
    /// <summary>
    /// The negative log-likelihood (nats) of each row under the fine-tuned model, in row order. The rows
    /// hold the columns the model was trained on (identifier columns are left out).
    /// </summary>
    IReadOnlyList<double> NegativeLogLikelihoods(Table rows, CancellationToken cancellationToken);
}

/// <summary>
/// What the gate compares: the real train split the synthetic table was learned from, the real holdout
/// it never saw (the yardstick of every test), and the synthetic table.
/// </summary>
public sealed record GateInputs(Table Train, Table Holdout, Table Synthetic)
{
    /// <summary>Identifier-like columns of the real table: left out of every distance, checked only for replay (P7).</summary>
    public IReadOnlyList<string> IdentifierColumns { get; init; } = [];

    /// <summary>The target column; null for the policy's, else the last column. P6's default sensitive column.</summary>
    public string? Target { get; init; }

    /// <summary>The model that made the synthetic table, for P4; null when the table came from elsewhere.</summary>
    public IRowLikelihood? Model { get; init; }

    /// <summary>True when the table came from our own model (<c>predllm synth</c>): then P4 must run, whatever the policy says about tables made elsewhere.</summary>
    public bool ModelRequired { get; init; }

    /// <summary>Seed of every sample and bootstrap the gate draws.</summary>
    public int Seed { get; init; }
}
