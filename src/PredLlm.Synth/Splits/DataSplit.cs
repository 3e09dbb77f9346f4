using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Splits;

/// <summary>The three disjoint parts of a real table: the model learns from <see cref="Train"/> only.</summary>
public sealed record DataSplit(Table Train, Table Validation, Table Holdout);
