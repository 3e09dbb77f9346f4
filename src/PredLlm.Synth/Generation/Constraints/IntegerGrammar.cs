using System.Globalization;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Canonical integers in [min, max]. The range is enforced digit by digit without knowing the final
/// length: the state keeps the digit count and how the digits so far compare with the same-length prefix
/// of each bound, which decides whether some completion still lands inside the range.
/// </summary>
internal sealed class IntegerGrammar : CharGrammar
{
    private const int StartPhase = 0;
    private const int MinusPhase = 1;
    private const int DigitsPhase = 2;
    private const int ZeroPhase = 3;

    private readonly MagnitudeRange? positive;
    private readonly MagnitudeRange? negative;

    public IntegerGrammar(long min, long max)
    {
        if (min > max)
        {
            throw new ArgumentException("An integer range needs min <= max.", nameof(min));
        }
        if (max >= 0)
        {
            positive = new MagnitudeRange(min > 0 ? (ulong)min : 0, (ulong)max);
        }
        if (min < 0)
        {
            negative = new MagnitudeRange(max < 0 ? Magnitude(max) : 1, Magnitude(min));
        }
        MaxLength = Math.Max(positive?.High.Length ?? 0, 1 + (negative?.High.Length ?? 0));
    }

    private enum Order
    {
        Less,
        Equal,
        Greater,
    }

    public override long Start => Pack(StartPhase, false, 0, Order.Equal, Order.Equal);

    public override int MaxLength { get; }

    public override bool InAlphabet(char c) => char.IsAsciiDigit(c) || c == '-';

    public override long Step(long state, char c)
    {
        var (phase, isNegative, digits, high, low) = Unpack(state);
        switch (phase)
        {
            case StartPhase when c == '-':
                return negative is null ? Dead : Pack(MinusPhase, true, 0, Order.Equal, Order.Equal);
            case StartPhase when c == '0':
                return positive is { AllowsZero: true } ? Pack(ZeroPhase, false, 0, Order.Equal, Order.Equal) : Dead;
            case StartPhase or MinusPhase when c is >= '1' and <= '9':
            case DigitsPhase when char.IsAsciiDigit(c):
                var range = isNegative ? negative : positive;
                if (range is null)
                {
                    return Dead;
                }
                var nextHigh = Compare(high, digits, c, range.High);
                var nextLow = Compare(low, digits, c, range.Low);
                return range.CanComplete(digits + 1, nextHigh, nextLow) ? Pack(DigitsPhase, isNegative, digits + 1, nextHigh, nextLow) : Dead;
            default:
                return Dead;
        }
    }

    public override bool Accepts(long state)
    {
        var (phase, isNegative, digits, high, low) = Unpack(state);
        return phase == ZeroPhase || (phase == DigitsPhase && (isNegative ? negative! : positive!).CompletesAt(digits, high, low));
    }

    private static ulong Magnitude(long value) => (ulong)(-(value + 1)) + 1;

    // Once the digits differ from a bound's prefix the comparison is settled; digits beyond a bound's
    // length leave it as it was (CompletesAt decides those lengths by length alone).
    private static Order Compare(Order current, int position, char digit, string bound) =>
        current != Order.Equal || position >= bound.Length ? current
        : digit < bound[position] ? Order.Less
        : digit > bound[position] ? Order.Greater
        : Order.Equal;

    private static long Pack(int phase, bool isNegative, int digits, Order high, Order low) =>
        (long)phase | (isNegative ? 4L : 0L) | ((long)digits << 3) | ((long)high << 8) | ((long)low << 10);

    private static (int Phase, bool IsNegative, int Digits, Order High, Order Low) Unpack(long state) =>
        ((int)(state & 3), (state & 4) != 0, (int)((state >> 3) & 31), (Order)((state >> 8) & 3), (Order)((state >> 10) & 3));

    /// <summary>Magnitudes in [low, high] without a sign; nonzero ones are written without leading zeros.</summary>
    private sealed class MagnitudeRange(ulong low, ulong high)
    {
        public bool AllowsZero { get; } = low == 0;

        public string High { get; } = high.ToString(CultureInfo.InvariantCulture);

        public string Low { get; } = Math.Max(low, 1).ToString(CultureInfo.InvariantCulture);

        /// <summary>Is a nonzero magnitude of <paramref name="length"/> digits inside the range, given how its digits compare with the bounds?</summary>
        public bool CompletesAt(int length, Order high, Order low) =>
            length >= Low.Length && length <= High.Length
            && (length < High.Length || high != Order.Greater)
            && (length > Low.Length || low != Order.Less);

        // Digits still to come can keep an Equal comparison equal or move it either way, but cannot undo
        // Less or Greater, so the same test applies at every longer length.
        public bool CanComplete(int digits, Order high, Order low)
        {
            for (var length = digits; length <= High.Length; length++)
            {
                if (CompletesAt(length, high, low))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
