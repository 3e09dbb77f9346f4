using System.Text;

namespace PredLlm.Synth.Tests.Text;

/// <summary>Seeded random strings built from the pieces that break naive row encodings.</summary>
internal static class AwkwardStrings
{
    private static readonly string[] Pieces =
    [
        ",", ", ", " is ", " is", "is ", "is", "\"", "\\", "\n", "\r\n", "\t", " ", "  ", "null", "NA", "\"\"",
        "\\n", "\\u0041", "\u00e9", "\u65e5\u672c", "\U0001F642", "\u2028", "\u0000", "\u00a0", "a", "Z", "7",
        "-3.25", "1E-07", "<|endoftext|>", "<=50K", "x y",
    ];

    private static readonly string[] UnpairedSurrogates = ["\ud800", "\udfff"];

    /// <summary>A string of 0 to 6 pieces; with <paramref name="allowUnpairedSurrogates"/> also lone surrogates.</summary>
    public static string Next(Random random, bool allowUnpairedSurrogates = true)
    {
        var text = new StringBuilder();
        var count = random.Next(7);
        for (var i = 0; i < count; i++)
        {
            text.Append(allowUnpairedSurrogates && random.Next(20) == 0
                ? UnpairedSurrogates[random.Next(UnpairedSurrogates.Length)]
                : Pieces[random.Next(Pieces.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A value: null one time in five, otherwise an awkward string.</summary>
    public static string? NextValue(Random random, bool allowUnpairedSurrogates = true) =>
        random.Next(5) == 0 ? null : Next(random, allowUnpairedSurrogates);

    /// <summary><paramref name="count"/> distinct awkward column names.</summary>
    public static string[] DistinctNames(Random random, int count, bool allowUnpairedSurrogates = true)
    {
        var names = new List<string>();
        while (names.Count < count)
        {
            var name = Next(random, allowUnpairedSurrogates);
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }
        return [.. names];
    }
}
