using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>How the worker writes its JSON (receipts, error reports): camelCase, enums as kebab-case words.</summary>
internal static class WorkerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = true,
    };
}
