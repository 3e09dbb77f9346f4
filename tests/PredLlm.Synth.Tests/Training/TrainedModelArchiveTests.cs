using PredLlm.Synth.Training;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public sealed class TrainedModelArchiveTests : IDisposable
{
    private const string VocabularyJson = """{"tokens":["<begin>","<end>","<pad>"]}""";
    private const string SchemaJson = """{"columns":[{"name":"x","type":"integer"}]}""";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "predllm-archive-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_loaded_model_gives_identical_logits_and_keeps_its_metadata_vocabulary_and_schema()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 6, seed: 1);
        var corpus = new FixedSequenceCorpus(sequences, sequences[..2], TinyCorpus.VocabularySize, TinyCorpus.Pad);
        var model = TinyCorpus.TinyModel();
        var metadata = LanguageModelTrainer.Train(model, corpus, new TrainingOptions { Threads = 1, Budget = new TrainingBudget(MaxEpochs: 3) });
        using var trained = new TrainedModel(model, metadata, VocabularyJson, SchemaJson);

        TrainedModelArchive.Save(directory, trained);
        using var loaded = TrainedModelArchive.Load(directory);

        using var scope = NewDisposeScope();
        var tokens = tensor(sequences[0].Select(token => (long)token).ToArray()).unsqueeze(0);
        Assert.True(trained.Model.call(tokens).eq(loaded.Model.call(tokens)).all().item<bool>());
        Assert.Equal(trained.Model.Config, loaded.Model.Config);
        Assert.Equal(metadata, loaded.Training);
        Assert.Equal(VocabularyJson, loaded.VocabularyJson);
        Assert.Equal(SchemaJson, loaded.SchemaJson);
    }

    [Fact]
    public void A_directory_without_a_manifest_is_not_taken_for_a_saved_model()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "weights.bin"), "partial");

        Assert.Throws<FileNotFoundException>(() => TrainedModelArchive.Load(directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
