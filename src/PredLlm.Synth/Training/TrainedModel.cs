using PredLlm.Synth.Model;

namespace PredLlm.Synth.Training;

/// <summary>
/// A trained model with what is needed to use it later: how it was trained, and the table's vocabulary and
/// schema as JSON written by their own stages (stored verbatim, never interpreted here). Owns the model.
/// </summary>
public sealed class TrainedModel(GptModel model, TrainingMetadata training, string vocabularyJson, string schemaJson) : IDisposable
{
    public GptModel Model { get; } = model;

    public TrainingMetadata Training { get; } = training;

    public string VocabularyJson { get; } = vocabularyJson;

    public string SchemaJson { get; } = schemaJson;

    public void Dispose() => Model.Dispose();
}
