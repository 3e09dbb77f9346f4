namespace PredLlm.Synth.Tables;

/// <summary>What predicting the target means: choosing a class, or estimating a number.</summary>
public enum PredictionTask
{
    Classification,
    Regression,
}

/// <summary>
/// Decides the task from the target column. Text and booleans are classes; reals, decimals and dates are
/// numbers; an integer target is a class label when it takes few distinct values (cardiotocography's 10
/// classes) and a count or measurement otherwise (abalone's age, 28 values).
/// </summary>
public static class PredictionTasks
{
    /// <summary>Most distinct values an integer target may take and still be read as class labels.</summary>
    public const int MaxIntegerClasses = 20;

    public static PredictionTask Of(Column target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Family switch
        {
            ValueFamily.Text or ValueFamily.Boolean => PredictionTask.Classification,
            ValueFamily.Integer => CountDistinct((Column<long>)target, MaxIntegerClasses + 1) <= MaxIntegerClasses
                ? PredictionTask.Classification
                : PredictionTask.Regression,
            _ => PredictionTask.Regression,
        };
    }

    private static int CountDistinct(Column<long> column, int stopAt)
    {
        var seen = new HashSet<long>();
        var values = column.Values;
        for (var row = 0; row < values.Length && seen.Count < stopAt; row++)
        {
            if (!column.IsNull(row))
            {
                seen.Add(values[row]);
            }
        }
        return seen.Count;
    }
}
