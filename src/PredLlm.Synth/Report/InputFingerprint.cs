using System.Security.Cryptography;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Report;

/// <summary>
/// Identifies an input file without revealing its content: the SHA-256 of its bytes, its size, and
/// the shape of the table read from it. <see cref="Role"/> says what it was ("train", "holdout", "synthetic", "input").
/// </summary>
public sealed record InputFingerprint(string Role, string FileName, string Sha256, long Bytes, int Rows, int Columns)
{
    public static async Task<InputFingerprint> OfFileAsync(string role, string path, Table table, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(table);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new InputFingerprint(role, Path.GetFileName(path), Convert.ToHexStringLower(hash), stream.Length, table.RowCount, table.ColumnCount);
        }
    }
}
