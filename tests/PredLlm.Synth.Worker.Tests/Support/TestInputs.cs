using System.Text;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>Input files for <see cref="ScriptedJob"/>: the Parquet magic bytes, a script word, some payload.</summary>
public static class TestInputs
{
    public static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    /// <summary><paramref name="payload"/> makes files of the same script differ, so each upload is a new version.</summary>
    public static byte[] Table(string script = "release", string payload = "") =>
        [.. ParquetMagic, .. Encoding.ASCII.GetBytes($"{script}\n{payload}\n"), .. ParquetMagic];

    public static byte[] NotATable() => Encoding.ASCII.GetBytes("name,age\nnot,parquet\n");
}
