namespace PredLlm.Synth.Text;

/// <summary>
/// One field of a row as the language model sees it: a column name and the column's already-formatted
/// value text, <c>null</c> for an SQL null (distinct from every string, including "" and "null").
/// </summary>
public readonly record struct RowField(string Name, string? Value);
