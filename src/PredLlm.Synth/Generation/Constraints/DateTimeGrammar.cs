namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Fixed-width dates and times that exist in the calendar: months 01-12, days up to the month's length
/// (29 February only in leap years), hours 00-23, minutes and seconds 00-59, years 0001-9999. The state is
/// the pattern position plus what later digits depend on: the year modulo 400 (enough to know leap
/// years), whether the year is still all zeros, the month, and the previous digit of a two-digit field.
/// </summary>
internal sealed class DateTimeGrammar : CharGrammar
{
    private readonly Slot[] slots;
    private readonly HashSet<char> literals;

    public DateTimeGrammar(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        slots = Compile(pattern);
        literals = [.. slots.Where(slot => slot.Field == Field.Literal).Select(slot => slot.Literal)];
    }

    private enum Field
    {
        Literal,
        Year,
        Month,
        Day,
        Hour,
        Minute,
        Second,
        Fraction,
    }

    public override long Start => 0;

    public override int MaxLength => slots.Length;

    public override bool InAlphabet(char c) => char.IsAsciiDigit(c) || literals.Contains(c);

    public override bool Accepts(long state) => Position(state) == slots.Length;

    public override long Step(long state, char c)
    {
        var position = Position(state);
        if (position == slots.Length)
        {
            return Dead;
        }
        var slot = slots[position];
        if (slot.Field == Field.Literal)
        {
            return c == slot.Literal ? state + 1 : Dead;
        }
        if (!char.IsAsciiDigit(c))
        {
            return Dead;
        }
        var digit = c - '0';
        var yearMod400 = (int)((state >> 6) & 511);
        var yearNonZero = (state & (1L << 15)) != 0;
        var month = (int)((state >> 16) & 15);
        var previous = (int)((state >> 20) & 15);
        var first = slot.DigitIndex == 0;
        var allowed = slot.Field switch
        {
            Field.Year => slot.DigitIndex < 3 || yearNonZero || digit > 0,
            Field.Month => first ? digit <= 1 : previous == 0 ? digit >= 1 : digit <= 2,
            Field.Day => DayDigitAllowed(first, digit, previous, DaysIn(month, yearMod400)),
            Field.Hour => first ? digit <= 2 : previous < 2 || digit <= 3,
            Field.Minute or Field.Second => !first || digit <= 5,
            _ => true,
        };
        if (!allowed)
        {
            return Dead;
        }
        if (slot.Field == Field.Year)
        {
            yearMod400 = ((yearMod400 * 10) + digit) % 400;
            yearNonZero |= digit > 0;
        }
        if (slot.Field == Field.Month && !first)
        {
            month = (previous * 10) + digit;
        }
        return (long)(position + 1) | ((long)yearMod400 << 6) | (yearNonZero ? 1L << 15 : 0) | ((long)month << 16) | ((long)digit << 20);
    }

    private static int Position(long state) => (int)(state & 63);

    private static bool DayDigitAllowed(bool first, int digit, int previous, int daysInMonth) =>
        first ? digit <= daysInMonth / 10
        : previous == 0 ? digit >= 1
        : previous < daysInMonth / 10 || digit <= daysInMonth % 10;

    private static int DaysIn(int month, int yearMod400)
    {
        var leap = (yearMod400 % 4 == 0 && yearMod400 % 100 != 0) || yearMod400 == 0;
        return DateTime.DaysInMonth(leap ? 2000 : 2001, month);
    }

    private static Slot[] Compile(string pattern)
    {
        var slots = new List<Slot>();
        var seen = new List<Field>();
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }
            var field = c switch
            {
                'y' => Field.Year,
                'M' => Field.Month,
                'd' => Field.Day,
                'H' => Field.Hour,
                'm' => Field.Minute,
                's' => Field.Second,
                'f' => Field.Fraction,
                'T' or 'Z' => Field.Literal,
                _ when char.IsAsciiLetter(c) || c is '%' or '\\' or '\'' or '"' => throw Unsupported(),
                _ => Field.Literal,
            };
            if (field == Field.Literal)
            {
                slots.Add(new Slot(Field.Literal, c, 0));
                i++;
                continue;
            }
            var width = field switch { Field.Year => 4, Field.Fraction => run, _ => 2 };
            if (run != width || run > 7 || (seen.Count > 0 && seen[^1] >= field))
            {
                throw Unsupported();
            }
            seen.Add(field);
            slots.AddRange(Enumerable.Range(0, run).Select(index => new Slot(field, '\0', index)));
            i += run;
        }
        if (seen.Contains(Field.Day) && !(seen.Contains(Field.Month) && seen.Contains(Field.Year)))
        {
            throw Unsupported();
        }
        if (slots.Count == 0 || slots.Count > 63)
        {
            throw Unsupported();
        }
        return [.. slots];
    }

    private static ArgumentException Unsupported() =>
        new("A date-time pattern uses yyyy, MM, dd, HH, mm, ss and f (1 to 7) once each in that order, 'T', 'Z' and non-letters as literals, and a day only with its month and year.", "pattern");

    private readonly record struct Slot(Field Field, char Literal, int DigitIndex);
}
