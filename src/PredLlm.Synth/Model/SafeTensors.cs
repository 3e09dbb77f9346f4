using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// The safetensors file format (Hugging Face): an 8-byte little-endian header length, a JSON header that gives
/// each tensor's dtype, shape and byte range, then the tensors' raw little-endian bytes. Tensors are read as
/// float32 whatever their stored precision (F32, F16, BF16, F64).
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";
    private const int HeaderAlignment = 8;

    private static readonly Dictionary<string, ScalarType> StoredTypes = new(StringComparer.Ordinal)
    {
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["F64"] = ScalarType.Float64,
    };

    /// <summary>Every tensor of the file, by name, as float32 tensors outside any dispose scope (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(stream.Length - 8))
        {
            throw new BadInputException($"{Path.GetFileName(path)} is not a safetensors file: its header length exceeds the file.");
        }
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataStart = 8 + (long)headerLength;

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(header);
            foreach (var entry in json.RootElement.EnumerateObject().Where(entry => entry.Name != MetadataKey))
            {
                tensors.Add(entry.Name, ReadTensor(stream, dataStart, entry, path));
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
            throw;
        }
        return tensors;
    }

    /// <summary>Writes float32 tensors (made contiguous) under their names, in name order.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            if (tensor.dtype != ScalarType.Float32)
            {
                throw new ArgumentException($"Tensor {name} is {tensor.dtype}; only float32 is written.", nameof(tensors));
            }
            var length = tensor.numel() * 4;
            header[name] = new { dtype = "F32", shape = tensor.shape, data_offsets = new[] { offset, offset + length } };
            offset += length;
        }
        var headerJson = JsonSerializer.Serialize(header);
        // Spaces pad the header so the data starts 8-byte aligned, as the format recommends.
        var padding = (HeaderAlignment - (8 + Encoding.UTF8.GetByteCount(headerJson)) % HeaderAlignment) % HeaderAlignment;
        var headerBytes = Encoding.UTF8.GetBytes(headerJson + new string(' ', padding));

        using var stream = File.Create(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)headerBytes.Length);
        stream.Write(lengthBytes);
        stream.Write(headerBytes);
        foreach (var name in names)
        {
            using var contiguous = tensors[name].detach().contiguous();
            stream.Write(contiguous.bytes);
        }
    }

    private static Tensor ReadTensor(FileStream stream, long dataStart, JsonProperty entry, string path)
    {
        var dtype = entry.Value.GetProperty("dtype").GetString() ?? "";
        if (!StoredTypes.TryGetValue(dtype, out var storedType))
        {
            throw new BadInputException($"Tensor {entry.Name} in {Path.GetFileName(path)} has dtype {dtype}; float checkpoints (F32, F16, BF16, F64) are supported.");
        }
        var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()).ToArray();
        var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(offset => offset.GetInt64()).ToArray();
        using var stored = empty(shape, dtype: storedType);
        var bytes = stored.bytes;
        if (offsets.Length != 2 || offsets[1] - offsets[0] != bytes.Length || dataStart + offsets[1] > stream.Length)
        {
            throw new BadInputException($"Tensor {entry.Name} in {Path.GetFileName(path)} has a byte range that does not match its shape or the file.");
        }
        stream.Position = dataStart + offsets[0];
        stream.ReadExactly(bytes);
        return stored.to(ScalarType.Float32).DetachFromDisposeScope();
    }
}
