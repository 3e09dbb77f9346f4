namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Decimal numbers with bounded integer digits (no leading zeros), bounded decimals, and optionally an
/// exponent, as described on <see cref="ContinuousSpec"/>.
/// </summary>
internal sealed class NumberGrammar : CharGrammar
{
    private const int StartPhase = 0;
    private const int MinusPhase = 1;
    private const int ZeroPhase = 2;
    private const int IntegerPhase = 3;
    private const int PointPhase = 4;
    private const int FractionPhase = 5;
    private const int ExponentPhase = 6;
    private const int ExponentSignPhase = 7;
    private const int ExponentDigitsPhase = 8;

    private readonly int maxIntegerDigits;
    private readonly int maxDecimals;
    private readonly bool allowNegative;
    private readonly int exponentDigits;

    public NumberGrammar(int maxIntegerDigits, int maxDecimals, bool allowNegative, int exponentDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIntegerDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxIntegerDigits, 60);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDecimals, 60);
        ArgumentOutOfRangeException.ThrowIfNegative(exponentDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponentDigits, 9);
        this.maxIntegerDigits = maxIntegerDigits;
        this.maxDecimals = maxDecimals;
        this.allowNegative = allowNegative;
        this.exponentDigits = exponentDigits;
        MaxLength = 1 + maxIntegerDigits + (maxDecimals > 0 ? 1 + maxDecimals : 0) + (exponentDigits > 0 ? 2 + exponentDigits : 0);
    }

    public override long Start => Pack(StartPhase, 0);

    public override int MaxLength { get; }

    public override bool InAlphabet(char c) =>
        char.IsAsciiDigit(c) || (c == '-' && (allowNegative || exponentDigits > 0)) || (c == '.' && maxDecimals > 0) || (exponentDigits > 0 && c is 'E' or '+');

    public override long Step(long state, char c)
    {
        var phase = (int)(state & 15);
        var count = (int)(state >> 4);
        var digit = char.IsAsciiDigit(c);
        return phase switch
        {
            StartPhase when c == '-' && allowNegative => Pack(MinusPhase, 0),
            StartPhase or MinusPhase when c == '0' => Pack(ZeroPhase, 0),
            StartPhase or MinusPhase when digit => Pack(IntegerPhase, 1),
            IntegerPhase when digit && count < maxIntegerDigits => Pack(IntegerPhase, count + 1),
            ZeroPhase or IntegerPhase when c == '.' && maxDecimals > 0 => Pack(PointPhase, 0),
            PointPhase when digit => Pack(FractionPhase, 1),
            FractionPhase when digit && count < maxDecimals => Pack(FractionPhase, count + 1),
            ZeroPhase or IntegerPhase or FractionPhase when c == 'E' && exponentDigits > 0 => Pack(ExponentPhase, 0),
            ExponentPhase when c is '+' or '-' => Pack(ExponentSignPhase, 0),
            ExponentPhase or ExponentSignPhase when digit => Pack(ExponentDigitsPhase, 1),
            ExponentDigitsPhase when digit && count < exponentDigits => Pack(ExponentDigitsPhase, count + 1),
            _ => Dead,
        };
    }

    public override bool Accepts(long state) => (int)(state & 15) is ZeroPhase or IntegerPhase or FractionPhase or ExponentDigitsPhase;

    private static long Pack(int phase, int count) => (long)phase | ((long)count << 4);
}
