using System.Buffers;
using Microsoft.ML.Tokenizers;

namespace PredLlm.Synth.Tokens;

/// <summary>
/// The tiktoken cl100k_base encoding (Microsoft.ML.Tokenizers with its data package) as the vocabulary
/// needs it: ids of a text, strict decoding of an id group, and the 256 single-byte tokens used as the
/// fallback for text whose tokens are not in a table's vocabulary.
/// </summary>
internal static class Cl100kBase
{
    public const string Name = "cl100k_base";

    // cl100k_base's mergeable ranks are 0..100255; its special tokens (<|endoftext|> ...) lie above.
    private const int MergeableRankCount = 100_256;

    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding(Name));
    private static readonly Lazy<int[]> ByteTokens = new(FindByteTokens);

    public static IReadOnlyList<int> Encode(string text) => Tokenizer.Value.EncodeToIds(text);

    /// <summary>The token that is exactly the byte <paramref name="value"/>.</summary>
    public static int ByteToken(byte value) => ByteTokens.Value[value];

    public static IEnumerable<int> AllByteTokens => ByteTokens.Value;

    public static bool IsKnownId(int id) =>
        (id >= 0 && id < MergeableRankCount) || (Tokenizer.Value.SpecialTokens?.Values.Contains(id) ?? false);

    /// <summary>
    /// The text of a group of ids decoded together (so a character split across tokens comes back whole),
    /// or false when the bytes are not complete, valid UTF-8.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<int> ids, out string text)
    {
        var idArray = ids.ToArray();
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(16, ids.Length * 8));
        try
        {
            while (true)
            {
                var status = Tokenizer.Value.Decode(idArray, buffer, out var idsConsumed, out var charsWritten);
                if (status == OperationStatus.DestinationTooSmall)
                {
                    var larger = buffer.Length * 2;
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = ArrayPool<char>.Shared.Rent(larger);
                    continue;
                }
                var complete = status == OperationStatus.Done && idsConsumed == idArray.Length;
                text = complete ? new string(buffer, 0, charsWritten) : string.Empty;
                return complete;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // tiktoken ranks 0..255 are the single bytes in GPT-2's byte-to-unicode order: the printable bytes
    // '!'..'~', '¡'..'¬', '®'..'ÿ', then the remaining bytes in increasing order. The library does not
    // expose token bytes, so the order is rebuilt here and checked against the tokenizer for every ASCII
    // byte (tests check multi-byte characters spelled with the non-ASCII byte tokens).
    private static int[] FindByteTokens()
    {
        var order = new List<int>(256);
        for (var b = '!'; b <= '~'; b++) { order.Add(b); }
        for (var b = 0xA1; b <= 0xAC; b++) { order.Add(b); }
        for (var b = 0xAE; b <= 0xFF; b++) { order.Add(b); }
        for (var b = 0; b < 256; b++)
        {
            if (!order.Contains(b))
            {
                order.Add(b);
            }
        }
        var tokens = new int[256];
        for (var rank = 0; rank < 256; rank++)
        {
            tokens[order[rank]] = rank;
        }
        for (var b = 0; b < 128; b++)
        {
            var ids = Encode(((char)b).ToString());
            if (ids.Count != 1 || ids[0] != tokens[b])
            {
                throw new InvalidOperationException($"The {Name} data does not have the expected single-byte tokens.");
            }
        }
        return tokens;
    }
}
