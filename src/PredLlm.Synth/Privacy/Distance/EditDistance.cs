namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// Levenshtein distance from one text (the pattern) to many others, with the bit-parallel algorithm of
/// Myers (1999) in Hyyrö's block form (as edlib computes it): the pattern is cut into 64-character
/// blocks, and each character of the other text updates a block's whole column of the dynamic-programming
/// table in a handful of word operations. Built once per record, compared with each candidate row.
/// </summary>
internal sealed class EditDistance
{
    private const int WordBits = 64;
    private const int Ascii = 128;

    private readonly int _length;
    private readonly int _blocks;
    private readonly ulong[] _asciiMatches;
    private readonly Dictionary<char, ulong[]> _otherMatches = [];
    private readonly ulong[] _zero;

    public EditDistance(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _length = pattern.Length;
        _blocks = Math.Max(1, (pattern.Length + WordBits - 1) / WordBits);
        _zero = new ulong[_blocks];
        _asciiMatches = new ulong[Ascii * _blocks];
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var bit = 1UL << (i % WordBits);
            if (c < Ascii)
            {
                _asciiMatches[(c * _blocks) + (i / WordBits)] |= bit;
            }
            else
            {
                if (!_otherMatches.TryGetValue(c, out var matches))
                {
                    matches = new ulong[_blocks];
                    _otherMatches.Add(c, matches);
                }

                matches[i / WordBits] |= bit;
            }
        }
    }

    /// <summary>The distance divided by the longer length: 0 for equal texts, 1 for nothing in common.</summary>
    public double NormalisedTo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var longest = Math.Max(_length, text.Length);
        return longest == 0 ? 0 : DistanceTo(text) / (double)longest;
    }

    public int DistanceTo(ReadOnlySpan<char> text)
    {
        if (_length == 0)
        {
            return text.Length;
        }

        // Vertical deltas of the first column: D[i][0] = i, so every delta is +1.
        Span<ulong> positive = _blocks <= 16 ? stackalloc ulong[_blocks] : new ulong[_blocks];
        Span<ulong> negative = _blocks <= 16 ? stackalloc ulong[_blocks] : new ulong[_blocks];
        positive.Fill(ulong.MaxValue);
        negative.Clear();
        var lastBit = (_length - 1) % WordBits;
        var score = _length;
        foreach (var c in text)
        {
            var matches = Matches(c);
            var carry = 1; // D[0][j] - D[0][j-1] = +1: the top row of a global alignment
            for (var b = 0; b < _blocks; b++)
            {
                carry = Advance(ref positive[b], ref negative[b], matches[b], carry, b == _blocks - 1 ? lastBit : WordBits - 1);
            }

            score += carry;
        }

        return score;
    }

    private ReadOnlySpan<ulong> Matches(char c) =>
        c < Ascii ? _asciiMatches.AsSpan(c * _blocks, _blocks)
        : _otherMatches.TryGetValue(c, out var matches) ? matches
        : _zero;

    // One block of one column: from the vertical deltas (as +1 and -1 bit masks) and the horizontal delta
    // entering at the block's top, the new vertical deltas and the horizontal delta leaving at row `outBit`.
    private static int Advance(ref ulong positive, ref ulong negative, ulong equal, int deltaIn, int outBit)
    {
        var inNegative = deltaIn < 0 ? 1UL : 0UL;
        var xv = equal | negative;
        equal |= inNegative;
        var xh = (((equal & positive) + positive) ^ positive) | equal;
        var ph = negative | ~(xh | positive);
        var mh = positive & xh;
        var deltaOut = (int)((ph >> outBit) & 1) - (int)((mh >> outBit) & 1);
        ph = (ph << 1) | (deltaIn > 0 ? 1UL : 0UL);
        mh = (mh << 1) | inNegative;
        positive = mh | ~(xv | ph);
        negative = ph & xv;
        return deltaOut;
    }
}
