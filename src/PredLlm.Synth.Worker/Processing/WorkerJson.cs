using System.Text.Encodings.Web;
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

        // The files are read as JSON, never embedded in HTML: keep quotes in ETags readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
