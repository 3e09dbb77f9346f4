using System.Buffers.Binary;
using System.Text;
using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Model;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "predllm-safetensors-" + Guid.NewGuid().ToString("N") + ".safetensors");

    [Fact]
    public void Written_tensors_read_back_with_their_names_shapes_and_values()
    {
        using var scope = NewDisposeScope();
        var matrix = arange(12, dtype: ScalarType.Float32).view(3, 4);
        var tensors = new Dictionary<string, Tensor>
        {
            ["b.matrix"] = matrix,
            ["a.transposed"] = matrix.t(),
            ["c.vector"] = tensor(new[] { 1.5f, -2.25f }),
        };

        SafeTensors.Write(path, tensors);
        var read = SafeTensors.Read(path);

        Assert.Equal(tensors.Keys.Order(), read.Keys.Order());
        foreach (var (name, written) in tensors)
        {
            using var back = read[name];
            Assert.Equal(written.shape, back.shape);
            Assert.True(written.eq(back).all().item<bool>(), name);
        }
    }

    [Theory]
    [InlineData("F16", ScalarType.Float16)]
    [InlineData("BF16", ScalarType.BFloat16)]
    public void Half_precision_tensors_are_read_as_float32(string dtype, ScalarType stored)
    {
        using var scope = NewDisposeScope();
        var values = tensor(new[] { 0.5f, -1.0f, 2.0f, 3.0f }).view(2, 2);
        WriteSingleTensorFile(dtype, [2, 2], values.to(stored).bytes.ToArray());

        using var read = SafeTensors.Read(path)["x"];

        Assert.Equal(ScalarType.Float32, read.dtype);
        Assert.True(values.eq(read).all().item<bool>());
    }

    [Fact]
    public void A_file_whose_header_claims_more_bytes_than_it_has_is_refused()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000);
        File.WriteAllBytes(path, bytes);

        Assert.Throws<BadInputException>(() => SafeTensors.Read(path));
    }

    public void Dispose() => File.Delete(path);

    private void WriteSingleTensorFile(string dtype, long[] shape, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes($$$"""{"__metadata__":{"format":"pt"},"x":{"dtype":"{{{dtype}}}","shape":[{{{string.Join(",", shape)}}}],"data_offsets":[0,{{{data.Length}}}]}}""");
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        File.WriteAllBytes(path, [.. length, .. header, .. data]);
    }
}
