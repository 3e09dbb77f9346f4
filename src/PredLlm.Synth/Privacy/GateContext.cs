using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Privacy.Statistics;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy;

/// <summary>
/// What the tests of one gate run share, each computed once when first asked for: the distance space
/// and the encoded tables, the row keys, the nearest-record distances several tests read, and seeded
/// samples. Every sample is drawn from a generator seeded by the run's seed and the test's id, so a test's
/// result does not depend on which tests ran before it.
/// </summary>
internal sealed class GateContext
{
    private readonly string[] _distanceColumns;
    private bool[]? _ordered;
    private (Table Train, Table Holdout, Table Synthetic)? _compared;
    private GowerSpace? _space;
    private (EncodedRows Train, EncodedRows Holdout, EncodedRows Synthetic)? _encoded;
    private string[]? _trainKeys;
    private string[]? _holdoutKeys;
    private string[]? _syntheticKeys;
    private Neighbours? _syntheticToTrain;
    private Neighbours? _holdoutToTrain;

    public GateContext(GateInputs inputs, Policy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(policy);
        Inputs = inputs;
        Rules = policy.Privacy;
        Cancellation = cancellationToken;
        var identifiers = new HashSet<string>(inputs.IdentifierColumns, StringComparer.Ordinal);
        _distanceColumns = [.. inputs.Train.Columns.Select(column => column.Name).Where(name => !identifiers.Contains(name))];
        Target = inputs.Target ?? policy.Target ?? (_distanceColumns.Length > 0 ? _distanceColumns[^1] : null);
    }

    public GateInputs Inputs { get; }

    public PrivacyRules Rules { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The columns every distance and row comparison uses: the train columns less the identifier-like ones.</summary>
    public IReadOnlyList<string> DistanceColumns => _distanceColumns;

    public string? Target { get; }

    /// <summary>The one-sided normal quantile of the required power.</summary>
    public double PowerZ => Normal.Quantile(Rules.RequiredPower);

    /// <summary>
    /// The train rows the distance-based tests (P2-P6) compare: the train table, or a seeded sample of
    /// <c>privacy.maxComparedRows</c> of its rows when it is larger, which bounds their cost on big
    /// tables. Exact copies and replays (P1, P7) always look at every row.
    /// </summary>
    public Table TrainRows => Compared.Train;

    /// <summary>The holdout rows the distance-based tests compare (sampled like <see cref="TrainRows"/>).</summary>
    public Table HoldoutRows => Compared.Holdout;

    /// <summary>The synthetic rows the distance-based tests compare (sampled like <see cref="TrainRows"/>).</summary>
    public Table SyntheticRows => Compared.Synthetic;

    public GowerSpace Space => _space ??= GowerSpace.Fit(DistanceColumns, Ordered, TrainRows, HoldoutRows);

    /// <summary>
    /// Whether a distance column holds ordered quantities (continuous, integer counts, dates: compared
    /// through their CDF, with a tolerance in inference) rather than categories (text, booleans, integer
    /// codes with few values: compared for equality), as the schema inference of the train split says.
    /// </summary>
    public bool IsOrdered(int column) => Ordered[column];

    private bool[] Ordered => _ordered ??=
        [.. TableSchema.Infer(TrainRows.SelectColumns(DistanceColumns)).Columns
            .Select(profile => profile.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.Datetime)];

    /// <summary><see cref="TrainRows"/> in the distance space.</summary>
    public EncodedRows Train => Encoded.Train;

    public EncodedRows Holdout => Encoded.Holdout;

    public EncodedRows Synthetic => Encoded.Synthetic;

    // All three at once, in a fixed order, so category codes never depend on which test asks first.
    private (EncodedRows Train, EncodedRows Holdout, EncodedRows Synthetic) Encoded =>
        _encoded ??= (Space.Encode(TrainRows), Space.Encode(HoldoutRows), Space.Encode(SyntheticRows));

    private (Table Train, Table Holdout, Table Synthetic) Compared => _compared ??= (Bounded(Inputs.Train, 1), Bounded(Inputs.Holdout, 2), Bounded(Inputs.Synthetic, 3));

    public string[] TrainKeys => _trainKeys ??= RowKeys.Of(Inputs.Train, DistanceColumns);

    public string[] HoldoutKeys => _holdoutKeys ??= RowKeys.Of(Inputs.Holdout, DistanceColumns);

    public string[] SyntheticKeys => _syntheticKeys ??= RowKeys.Of(Inputs.Synthetic, DistanceColumns);

    /// <summary>Each synthetic row's distance to its closest train record (DCR).</summary>
    public Neighbours SyntheticToTrain => _syntheticToTrain ??= Nearest(Synthetic, Train, 1);

    /// <summary>Each holdout row's distance to its closest train record: the DCR of real rows the model never saw.</summary>
    public Neighbours HoldoutToTrain => _holdoutToTrain ??= Nearest(Holdout, Train, 1);

    public Neighbours Nearest(EncodedRows queries, EncodedRows reference, int k, int[]? columns = null, int[]? excluded = null) =>
        NeighbourSearch.Find(queries, reference, k, columns, excluded, Cancellation);

    public Random RandomFor(PrivacyTestId test) => new(unchecked((Inputs.Seed * 7919) + (int)test));

    /// <summary><paramref name="count"/> distinct row indices of 0..population-1, drawn without replacement, in ascending order.</summary>
    public static int[] Sample(int population, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var rows = Enumerable.Range(0, population).ToArray();
        count = Math.Min(count, population);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, population);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        var sample = rows[..count];
        Array.Sort(sample);
        return sample;
    }

    /// <summary>
    /// Rows for a membership-inference test (positions in <see cref="TrainRows"/> and <see cref="HoldoutRows"/>):
    /// members drawn from train, non-members from the holdout, as
    /// many of each (at most <paramref name="maxPerGroup"/>), so neither group dominates the scores.
    /// </summary>
    public (int[] Members, int[] NonMembers) MembershipSample(int maxPerGroup, PrivacyTestId test)
    {
        var random = RandomFor(test);
        var size = Math.Min(maxPerGroup, Math.Min(TrainRows.RowCount, HoldoutRows.RowCount));
        return (Sample(TrainRows.RowCount, size, random), Sample(HoldoutRows.RowCount, size, random));
    }

    private Table Bounded(Table table, int salt) =>
        table.RowCount <= Rules.MaxComparedRows
            ? table
            : table.TakeRows(Sample(table.RowCount, Rules.MaxComparedRows, new Random(unchecked((Inputs.Seed * 7919) - salt))));

    /// <summary>Positions of the given names among <see cref="DistanceColumns"/>.</summary>
    public int[] ColumnPositions(IEnumerable<string> names) =>
        [.. names.Select(name => Array.IndexOf(_distanceColumns, name))];
}

/// <summary>Rows as text, for exact matching and for edit distances.</summary>
internal static class RowKeys
{
    /// <summary>Row identity for exact-copy tests: the invariant text of every value, each prefixed by its length, so no two different rows share a key.</summary>
    public static string[] Of(Table table, IReadOnlyList<string> columns)
    {
        var selected = columns.Select(name => table[name]).ToArray();
        var keys = new string[table.RowCount];
        var builder = new System.Text.StringBuilder();
        for (var row = 0; row < keys.Length; row++)
        {
            builder.Clear();
            foreach (var column in selected)
            {
                var text = column.Format(row);
                if (text is null)
                {
                    builder.Append('-');
                }
                else
                {
                    builder.Append(text.Length).Append(':').Append(text);
                }
            }

            keys[row] = builder.ToString();
        }

        return keys;
    }

    /// <summary>The row as the model writes it, values in column order separated by commas (a null is empty): what digit-copying shows in.</summary>
    public static string Serialised(Table table, IReadOnlyList<string> columns, int row) =>
        string.Join(',', columns.Select(name => table[name].Format(row) ?? string.Empty));
}
