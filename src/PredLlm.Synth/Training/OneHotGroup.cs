namespace PredLlm.Synth.Training;

/// <summary>
/// Columns that code one choice between them (dummy or one-hot columns): in every row exactly one of them holds
/// <paramref name="On"/> and the others <paramref name="Off"/>. <see cref="OneHotCoding"/> writes them for the
/// model as one field.
/// </summary>
/// <param name="Columns">At least two columns, in table order.</param>
/// <param name="On">The text of the member that is set.</param>
/// <param name="Off">The text of every other member.</param>
public sealed record OneHotGroup(IReadOnlyList<int> Columns, string On, string Off);
