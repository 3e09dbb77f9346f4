namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Fixed-width dates and times that exist in the calendar: months 01-12, days up to the month's length
/// (29 February only in leap years), hours 00-23, minutes and seconds 00-59, years 0001-9999. The state is
/// the pattern position plus only what later digits depend on, so that few distinct states exist (each is
/// expanded once by the value automaton): while the year is written, the residue of its digits modulo
/// 2, 4, 40 or 400 (what still decides whether the year is a leap year, given the digits to come) and
/// whether it is all zeros so far; then whether it is a leap year; the month until the day is written;
/// and the first digit of a month, day or hour, which bounds its second digit. An optional fraction
/// ".F" to ".FFFFFFF" (as .NET writes it: left out for whole seconds, else 1 to that many digits) may be
/// skipped before its point or ended after its first digit.
/// </summary>
internal sealed class DateTimeGrammar : CharGrammar
{
    private const int LeapResidue = 0;
    private const int CommonResidue = 1;

    // Indexed by the number of year digits still to come.
    private static readonly int[] YearModulus = [400, 40, 4, 2];

    private readonly Slot[] slots;
    private readonly HashSet<char> literals;
    private readonly int calendarEnd;
    private readonly int optionalStart;
    private readonly int optionalEnd;

    public DateTimeGrammar(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        slots = Compile(pattern);
        literals = [.. slots.Where(slot => slot.Field == Field.Literal).Select(slot => slot.Literal)];
        calendarEnd = Array.FindLastIndex(slots, slot => slot.Field is Field.Year or Field.Month or Field.Day) + 1;
        optionalStart = Array.FindIndex(slots, slot => slot.Optional);
        optionalEnd = Array.FindLastIndex(slots, slot => slot.Optional) + 1;
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

    public override bool Accepts(long state)
    {
        var position = Position(state);
        return position == slots.Length || (MayLeaveOptional(position) && optionalEnd == slots.Length);
    }

    public override long Step(long state, char c)
    {
        var position = Position(state);
        var next = position < slots.Length ? StepAt(state, position, c) : Dead;
        // Compile makes sure the character after an optional fraction can never also continue it.
        return next == Dead && MayLeaveOptional(position) ? StepAt((state & ~63L) | (long)optionalEnd, optionalEnd, c) : next;
    }

    // Before the optional fraction's point, or after its first digit.
    private bool MayLeaveOptional(int position) =>
        optionalStart >= 0 && (position == optionalStart || (position > optionalStart + 1 && position < optionalEnd));

    private long StepAt(long state, int position, char c)
    {
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
        var yearResidue = (int)((state >> 6) & 511);
        var yearNonZero = (state & (1L << 15)) != 0;
        var month = (int)((state >> 16) & 15);
        var previous = (int)((state >> 20) & 15);
        var first = slot.DigitIndex == 0;
        var allowed = slot.Field switch
        {
            Field.Year => slot.DigitIndex < 3 || yearNonZero || digit > 0,
            Field.Month => first ? digit <= 1 : previous == 0 ? digit >= 1 : digit <= 2,
            Field.Day => DayDigitAllowed(first, digit, previous, DaysIn(month, yearResidue)),
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
            // With r digits still to come the year is prefix * 10^r + rest, and prefix * 10^r modulo 400
            // only depends on the prefix modulo 400 / gcd(400, 10^r).
            var remaining = 3 - slot.DigitIndex;
            yearResidue = ((yearResidue * 10) + digit) % YearModulus[remaining];
            yearNonZero |= digit > 0;
            if (remaining == 0)
            {
                yearResidue = IsLeap(yearResidue) ? LeapResidue : CommonResidue;
                yearNonZero = false;
            }
        }
        if (slot.Field == Field.Month && !first)
        {
            month = (previous * 10) + digit;
        }
        var keepCalendar = position + 1 < calendarEnd;
        var keepDigit = first && slot.Field is Field.Month or Field.Day or Field.Hour;
        return (long)(position + 1)
            | (keepCalendar ? ((long)yearResidue << 6) | (yearNonZero ? 1L << 15 : 0) | ((long)month << 16) : 0)
            | (keepDigit ? (long)digit << 20 : 0);
    }

    private static int Position(long state) => (int)(state & 63);

    private static bool DayDigitAllowed(bool first, int digit, int previous, int daysInMonth) =>
        first ? digit <= daysInMonth / 10
        : previous == 0 ? digit >= 1
        : previous < daysInMonth / 10 || digit <= daysInMonth % 10;

    private static int DaysIn(int month, int yearResidue) => DateTime.DaysInMonth(IsLeap(yearResidue) ? 2000 : 2001, month);

    private static bool IsLeap(int yearModulo400) =>
        (yearModulo400 % 4 == 0 && yearModulo400 % 100 != 0) || yearModulo400 == 0;

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
                'f' or 'F' => Field.Fraction,
                'T' or 'Z' => Field.Literal,
                _ when char.IsAsciiLetter(c) || c is '%' or '\\' or '\'' or '"' => throw Unsupported(),
                _ => Field.Literal,
            };
            if (field == Field.Literal)
            {
                slots.Add(new Slot(Field.Literal, c, 0, c == '.' && i + 1 < pattern.Length && pattern[i + 1] == 'F'));
                i++;
                continue;
            }
            var optional = c == 'F';
            if (optional && (slots.Count == 0 || !slots[^1].Optional || (i + run < pattern.Length && !IsPlainLiteral(pattern[i + run]))))
            {
                throw Unsupported();
            }
            var width = field switch { Field.Year => 4, Field.Fraction => run, _ => 2 };
            if (run != width || run > 7 || (seen.Count > 0 && seen[^1] >= field))
            {
                throw Unsupported();
            }
            seen.Add(field);
            slots.AddRange(Enumerable.Range(0, run).Select(index => new Slot(field, '\0', index, optional)));
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

    // What may follow an optional fraction: a literal that cannot be read as its point or a digit.
    private static bool IsPlainLiteral(char c) => c != '.' && !char.IsAsciiDigit(c) && (!char.IsAsciiLetter(c) || c is 'T' or 'Z');

    private static ArgumentException Unsupported() =>
        new("A date-time pattern uses yyyy, MM, dd, HH, mm, ss and a fraction f (1 to 7) or .F (1 to 7, optional) once each in that order, 'T', 'Z' and non-letters as literals, and a day only with its month and year.", "pattern");

    private readonly record struct Slot(Field Field, char Literal, int DigitIndex, bool Optional);
}
