using System.Text.Json;
using System.Text.Json.Serialization;
using PredLlm.Synth.Model;

namespace PredLlm.Synth.Training;

/// <summary>
/// Saves a <see cref="TrainedModel"/> as one directory: <c>weights.bin</c> (TorchSharp's parameter format),
/// <c>vocabulary.json</c> and <c>schema.json</c> (verbatim), and <c>model.json</c> (format version, model
/// shape, training metadata). <c>model.json</c> is written last, so a directory without it is an interrupted
/// save and is not loaded.
/// </summary>
public static class TrainedModelArchive
{
    public const int FormatVersion = 3;
    private const string ManifestFile = "model.json";
    private const string WeightsFile = "weights.bin";
    private const string VocabularyFile = "vocabulary.json";
    private const string SchemaFile = "schema.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Save(string directory, TrainedModel trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        Directory.CreateDirectory(directory);
        var manifest = Path.Combine(directory, ManifestFile);
        File.Delete(manifest);
        trained.Model.save(Path.Combine(directory, WeightsFile));
        File.WriteAllText(Path.Combine(directory, VocabularyFile), trained.VocabularyJson);
        File.WriteAllText(Path.Combine(directory, SchemaFile), trained.SchemaJson);
        var json = JsonSerializer.Serialize(new Manifest(FormatVersion, trained.Model.Config, trained.Training), JsonOptions);
        File.WriteAllText(manifest, json);
    }

    /// <summary>Loads a saved model, in evaluation mode.</summary>
    public static TrainedModel Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"No saved model in {directory}: {ManifestFile} is missing (an interrupted save leaves none).", manifestPath);
        }
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), JsonOptions)
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        if (manifest.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"{manifestPath} has format version {manifest.FormatVersion}; this build reads version {FormatVersion}.");
        }
        var model = new GptModel(manifest.Config, seed: 0);
        try
        {
            model.load(Path.Combine(directory, WeightsFile));
            model.eval();
            return new TrainedModel(
                model,
                manifest.Training,
                File.ReadAllText(Path.Combine(directory, VocabularyFile)),
                File.ReadAllText(Path.Combine(directory, SchemaFile)));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private sealed record Manifest(int FormatVersion, GptConfig Config, TrainingMetadata Training);
}
