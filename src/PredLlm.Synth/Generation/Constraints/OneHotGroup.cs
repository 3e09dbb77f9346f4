namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Columns that code one choice between them (dummy or one-hot columns): in every row exactly one of them holds
/// <paramref name="On"/> and the others <paramref name="Off"/>. A model that writes each column on its own breaks
/// the code in many rows (cardiotocography's ten class-code columns had exactly one set in half the synthetic
/// rows), so the grammar keeps it: once one member is on the rest are off, and the last member is on when no
/// other is.
/// </summary>
/// <param name="Columns">At least two columns, in table order.</param>
/// <param name="On">The text of the member that is set.</param>
/// <param name="Off">The text of every other member.</param>
public sealed record OneHotGroup(IReadOnlyList<int> Columns, string On, string Off);
