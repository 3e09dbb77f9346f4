using PredLlm.Synth.Model;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Training;

/// <summary>
/// A Pred-LLM model trained on one table: the decoder, the table's compact vocabulary, which column is the
/// target, how the model's columns code the table's (so generated rows get exactly the train schema) and what
/// training did.
/// </summary>
public sealed class TableModel(GptModel model, Vocabulary vocabulary, int target, OneHotCoding coding, TrainingMetadata training)
    : IDisposable
{
    public GptModel Model { get; } = model;

    public Vocabulary Vocabulary { get; } = vocabulary;

    public RowTokenizer Tokenizer { get; } = new(vocabulary);

    /// <summary>Position of the target among the model's columns (<see cref="OneHotCoding.Coded"/>).</summary>
    public int Target { get; } = target;

    /// <summary>The table's columns and the model's.</summary>
    public OneHotCoding Coding { get; } = coding;

    public TrainingMetadata Training { get; } = training;

    public void Dispose() => Model.Dispose();
}
