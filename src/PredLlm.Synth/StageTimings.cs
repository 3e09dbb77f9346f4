using System.Diagnostics;

namespace PredLlm.Synth;

/// <summary>How long one stage of the pipeline took.</summary>
public sealed record StageTiming(string Stage, TimeSpan Elapsed);

/// <summary>
/// Wall-clock time of each stage of one run, in the order the stages finished; every stage measures
/// itself here and the report shows the list. Safe to fill from several threads.
/// </summary>
public sealed class StageTimings
{
    private readonly List<StageTiming> _stages = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<StageTiming> Stages
    {
        get
        {
            lock (_gate)
            {
                return [.. _stages];
            }
        }
    }

    public T Measure<T>(string stage, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        var result = work();
        Record(stage, clock.Elapsed);
        return result;
    }

    public void Record(string stage, TimeSpan elapsed)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        lock (_gate)
        {
            _stages.Add(new StageTiming(stage, elapsed));
        }
    }
}
