namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// A value language read character by character, for the kinds whose values are not a list (numbers,
/// dates). States are packed into a long. The invariant the decoder relies on: <see cref="Step(long, char)"/>
/// returns <see cref="Dead"/> unless some accepted text starts with what has been read, so every live
/// state can still be completed (no dead ends), and every accepted text is at most <see cref="MaxLength"/>
/// characters long.
/// </summary>
internal abstract class CharGrammar
{
    public const long Dead = -1;

    public abstract long Start { get; }

    public abstract int MaxLength { get; }

    public abstract long Step(long state, char c);

    public abstract bool Accepts(long state);

    /// <summary>Whether <paramref name="c"/> occurs in some accepted text (tokens made of other characters are never candidates).</summary>
    public abstract bool InAlphabet(char c);

    public long Step(long state, string text)
    {
        foreach (var c in text)
        {
            state = Step(state, c);
            if (state == Dead)
            {
                return Dead;
            }
        }
        return state;
    }

    public static CharGrammar? For(ValueSpec spec) => spec switch
    {
        IntegerSpec integer => new IntegerGrammar(integer.Min, integer.Max),
        ContinuousSpec number => new NumberGrammar(number.MaxIntegerDigits, number.MaxDecimals, number.AllowNegative, number.ExponentDigits),
        DateTimeSpec dateTime => new DateTimeGrammar(dateTime.Pattern),
        CategoricalSpec => null,
        _ => throw new ArgumentException($"Unknown value spec {spec.GetType().Name}.", nameof(spec)),
    };
}
