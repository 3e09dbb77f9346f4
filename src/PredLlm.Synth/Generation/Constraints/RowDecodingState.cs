using System.Buffers;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Generation.Constraints;

/// <summary>
/// Where one row stands in its <see cref="RowGrammar"/> while it is being decoded, and which compact
/// tokens may come next: BEGIN first; then the name of a column the <see cref="DecodingOrder"/> allows; then,
/// for a column with a magnitude scale, a level token (or NULL); then value tokens the column's spec allows
/// (NULL only as the whole value of a nullable column); once the value is complete, also what ends it: the next
/// name the order allows, or END after the last column; after END only PAD, so a finished row in a batch can
/// keep stepping. An order that leaves the target out (<see cref="DecodingOrder.FeaturesOnly"/>) ends the row
/// with END after its last feature. Every allowed token leads to a state from which the row can still be
/// finished, so decoding cannot get stuck.
/// </summary>
public sealed class RowDecodingState
{
    private readonly RowGrammar grammar;
    private readonly DecodingOrder order;
    // Columns whose field has started (their name has been read); the current field's column is among them.
    private readonly bool[] written;
    private int writtenCount;
    private Phase phase = Phase.Begin;
    private int column = -1;
    private int valueState;
    private bool valueStarted;
    private bool valueIsNull;
    private bool nullAllowed;

    internal RowDecodingState(RowGrammar grammar, DecodingOrder order)
    {
        this.grammar = grammar;
        this.order = order;
        written = new bool[grammar.ColumnCount];
    }

    private RowDecodingState(RowDecodingState other)
    {
        grammar = other.grammar;
        order = other.order;
        written = (bool[])other.written.Clone();
        writtenCount = other.writtenCount;
        phase = other.phase;
        column = other.column;
        valueState = other.valueState;
        valueStarted = other.valueStarted;
        valueIsNull = other.valueIsNull;
        nullAllowed = other.nullAllowed;
    }

    private enum Phase
    {
        Begin,
        Boundary,
        Magnitude,
        Value,
        Finished,
    }

    /// <summary>END has been read.</summary>
    public bool IsFinished => phase == Phase.Finished;

    /// <summary>The column whose value is being read, or -1 between fields.</summary>
    public int CurrentColumn => phase is Phase.Magnitude or Phase.Value ? column : -1;

    private Vocabulary Vocabulary => grammar.Vocabulary;

    /// <summary>Does the row end after the fields started so far (every column, or every feature of an order that leaves the target out)?</summary>
    private bool RowComplete => writtenCount == written.Length || order.EndsEarly(writtenCount, written.Length);

    private bool ValueComplete => valueIsNull || grammar.Automaton(column)[valueState].Accepts;

    public bool IsAllowed(int token)
    {
        switch (phase)
        {
            case Phase.Begin:
                return token == Vocabulary.Begin;
            case Phase.Boundary:
                return EndsField(token);
            case Phase.Magnitude:
                return Vocabulary.IsMagnitudeToken(token) || (token == Vocabulary.Null && grammar.IsNullable(column));
            case Phase.Value:
                if (valueIsNull)
                {
                    return EndsField(token);
                }
                if (token == Vocabulary.Null)
                {
                    return !valueStarted && nullAllowed;
                }
                var expansion = grammar.Automaton(column)[valueState];
                return expansion.After(token) >= 0 || (expansion.Accepts && EndsField(token));
            default:
                return token == Vocabulary.Pad;
        }
    }

    /// <summary>May <paramref name="token"/> follow a complete field: the next name the order allows, or END once the row is complete?</summary>
    private bool EndsField(int token)
    {
        if (RowComplete)
        {
            return token == Vocabulary.End;
        }
        var named = Vocabulary.ColumnOfToken(token);
        return named >= 0 && order.Allows(named, written, writtenCount);
    }

    /// <summary>Reads <paramref name="token"/>.</summary>
    /// <exception cref="InvalidOperationException">The token is not allowed here.</exception>
    public void Advance(int token)
    {
        if (!IsAllowed(token))
        {
            throw new InvalidOperationException($"Token {token} is not allowed while expecting {Expected()}.");
        }
        switch (phase)
        {
            case Phase.Begin:
                phase = Phase.Boundary;
                break;
            case Phase.Magnitude:
                // After a level the value is a number; NULL in place of the level is the whole value.
                StartValue(nullAllowed: false);
                valueIsNull = token == Vocabulary.Null;
                break;
            case Phase.Value when token == Vocabulary.Null:
                valueIsNull = true;
                break;
            case Phase.Value when !valueIsNull && grammar.Automaton(column)[valueState].After(token) is var next and >= 0:
                valueState = next;
                valueStarted = true;
                break;
            case Phase.Finished:
                break;
            default:
                // A name or END, at a boundary or ending the value before it.
                if (token == Vocabulary.End)
                {
                    phase = Phase.Finished;
                }
                else
                {
                    StartField(Vocabulary.ColumnOfToken(token));
                }
                break;
        }
    }

    /// <summary>
    /// Ends the current value where it stands, so that only what may follow a complete field comes next: a
    /// prompt's last value (<see cref="RowTokenizer.EncodePrefix"/>) is a value drawn from the train data and
    /// must not be extended.
    /// </summary>
    /// <exception cref="InvalidOperationException">No value is being read, or it is not complete.</exception>
    public void CloseField()
    {
        if (phase != Phase.Value || !ValueComplete)
        {
            throw new InvalidOperationException($"There is no complete value to close while expecting {Expected()}.");
        }
        phase = Phase.Boundary;
    }

    private void StartField(int named)
    {
        column = named;
        written[column] = true;
        writtenCount++;
        if (Vocabulary.Scale(column) is not null)
        {
            phase = Phase.Magnitude;
        }
        else
        {
            StartValue(grammar.IsNullable(column));
        }
    }

    private void StartValue(bool nullAllowed)
    {
        phase = Phase.Value;
        valueState = ValueAutomaton.Start;
        valueStarted = false;
        valueIsNull = false;
        this.nullAllowed = nullAllowed;
    }

    /// <summary>Reads a prompt (for example <see cref="RowTokenizer.EncodePrefix"/>) token by token.</summary>
    public void Advance(ReadOnlySpan<int> tokens)
    {
        foreach (var token in tokens)
        {
            Advance(token);
        }
    }

    /// <summary>
    /// The tokens that finish the row from here when each in turn is the only one allowed (the rest of a label
    /// its first token settles, then END), or none when a choice comes first or the row is finished. Reads
    /// nothing: the caller advances through them. A decoder spends no model step on such an ending.
    /// </summary>
    public int[] ForcedEnding()
    {
        var ending = new List<int>();
        var walk = new RowDecodingState(this);
        var allowed = ArrayPool<int>.Shared.Rent(Vocabulary.Count);
        while (!walk.IsFinished && walk.CopyAllowed(allowed) == 1)
        {
            ending.Add(allowed[0]);
            walk.Advance(allowed[0]);
        }
        ArrayPool<int>.Shared.Return(allowed);
        return walk.IsFinished ? [.. ending] : [];
    }

    /// <summary>Writes the allowed tokens to <paramref name="destination"/> (vocabulary size suffices) and returns how many.</summary>
    public int CopyAllowed(Span<int> destination)
    {
        var count = 0;
        switch (phase)
        {
            case Phase.Begin:
                destination[count++] = Vocabulary.Begin;
                break;
            case Phase.Boundary:
                count = CopyFieldEnds(destination);
                break;
            case Phase.Magnitude:
                if (grammar.IsNullable(column))
                {
                    destination[count++] = Vocabulary.Null;
                }
                for (var level = 0; level < MagnitudeScale.Levels; level++)
                {
                    destination[count++] = Vocabulary.MagnitudeToken(level);
                }
                break;
            case Phase.Value when valueIsNull:
                count = CopyFieldEnds(destination);
                break;
            case Phase.Value:
                if (!valueStarted && nullAllowed)
                {
                    destination[count++] = Vocabulary.Null;
                }
                var expansion = grammar.Automaton(column)[valueState];
                expansion.Tokens.CopyTo(destination[count..]);
                count += expansion.Tokens.Length;
                if (expansion.Accepts)
                {
                    count += CopyFieldEnds(destination[count..]);
                }
                break;
            default:
                destination[count++] = Vocabulary.Pad;
                break;
        }
        return count;
    }

    /// <summary>Writes what may follow a complete field (see <see cref="EndsField"/>) and returns how many.</summary>
    private int CopyFieldEnds(Span<int> destination)
    {
        if (RowComplete)
        {
            destination[0] = Vocabulary.End;
            return 1;
        }
        var count = 0;
        for (var candidate = 0; candidate < written.Length; candidate++)
        {
            if (order.Allows(candidate, written, writtenCount))
            {
                destination[count++] = Vocabulary.NameToken(candidate);
            }
        }
        return count;
    }

    /// <summary>Sets <paramref name="mask"/> (vocabulary size) to true exactly at the allowed tokens.</summary>
    public void WriteMask(Span<bool> mask)
    {
        RequireVocabularySize(mask.Length);
        mask.Clear();
        var allowed = ArrayPool<int>.Shared.Rent(Vocabulary.Count);
        var count = CopyAllowed(allowed);
        foreach (var token in allowed.AsSpan(0, count))
        {
            mask[token] = true;
        }
        ArrayPool<int>.Shared.Return(allowed);
    }

    /// <summary>
    /// Writes an additive logit mask (vocabulary size): 0 at the allowed tokens, negative infinity elsewhere.
    /// </summary>
    public void WriteAdditiveMask(Span<float> mask)
    {
        RequireVocabularySize(mask.Length);
        mask.Fill(float.NegativeInfinity);
        var allowed = ArrayPool<int>.Shared.Rent(Vocabulary.Count);
        var count = CopyAllowed(allowed);
        foreach (var token in allowed.AsSpan(0, count))
        {
            mask[token] = 0f;
        }
        ArrayPool<int>.Shared.Return(allowed);
    }

    private void RequireVocabularySize(int length)
    {
        if (length != Vocabulary.Count)
        {
            throw new ArgumentException($"A mask has one entry per token: {Vocabulary.Count}, not {length}.");
        }
    }

    private string Expected() => phase switch
    {
        Phase.Begin => "BEGIN",
        Phase.Boundary => RowComplete ? "END" : "the name of a column the decoding order allows",
        Phase.Magnitude => $"a magnitude level or NULL for column {column}",
        Phase.Value => $"a value token of column {column} or what ends its value",
        _ => "PAD after END",
    };
}
