using System.Text.Json;
using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Report;

/// <summary>
/// Writes report.json, schema "predllm-report" version <see cref="SchemaVersion"/>, documented in
/// REPORT-SCHEMA.md beside this file. The layout is written out field by field (not derived from the
/// records) so that the schema changes only on purpose: a change that breaks readers bumps the version.
/// Every number is rounded to 3 decimals; an undefined one is null.
/// </summary>
public static class ReportJsonWriter
{
    public const string SchemaName = "predllm-report";
    public const int SchemaVersion = 1;

    public static void Write(EvaluationReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("table", report.TableName);
        json.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("verdict", VerdictText(report.Verdict.Verdict));
        Strings(json, "reasons", report.Verdict.Reasons);
        Strings(json, "warnings", report.Verdict.Warnings);
        WritePolicy(json, report.Policy);
        WriteSeeds(json, report.Seeds);
        WriteInputs(json, report.Inputs);
        WritePrivacy(json, report.Gate);
        WriteQuality(json, report.Quality, report.QualityFloors);
        WriteProvenance(json, report.Provenance);
        WriteTimings(json, report.Timings);
        json.WriteEndObject();
    }

    public static string VerdictText(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "PASS",
        GateVerdict.Reject => "REJECT",
        _ => "BLOCKED",
    };

    private static void WritePolicy(Utf8JsonWriter json, Policy policy)
    {
        json.WriteStartObject("policy");
        json.WriteString("name", policy.Name);
        json.WriteString("description", policy.Description);
        json.WriteStartArray("settings");
        foreach (var setting in policy.Settings)
        {
            json.WriteStartObject();
            json.WriteString("key", setting.Key);
            json.WriteString("value", setting.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSeeds(Utf8JsonWriter json, IReadOnlyList<ReportSeed> seeds)
    {
        json.WriteStartObject("seeds");
        foreach (var seed in seeds)
        {
            json.WriteNumber(seed.Purpose, seed.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter json, IReadOnlyList<InputFingerprint> inputs)
    {
        json.WriteStartArray("inputs");
        foreach (var input in inputs)
        {
            json.WriteStartObject();
            json.WriteString("role", input.Role);
            json.WriteString("file", input.FileName);
            json.WriteString("sha256", input.Sha256);
            json.WriteNumber("bytes", input.Bytes);
            json.WriteNumber("rows", input.Rows);
            json.WriteNumber("columns", input.Columns);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePrivacy(Utf8JsonWriter json, GateDecision gate)
    {
        json.WriteStartObject("privacy");
        json.WriteString("verdict", VerdictText(gate.Verdict));
        Strings(json, "reasons", gate.Reasons);
        json.WriteStartArray("tests");
        foreach (var test in gate.Tests)
        {
            WriteTest(json, test);
        }

        json.WriteEndArray();
        json.WriteStartArray("attempts");
        foreach (var attempt in gate.Attempts)
        {
            json.WriteStartObject();
            if (attempt.Settings is { } settings)
            {
                json.WriteStartObject("settings");
                json.WriteNumber("number", settings.Number);
                Number(json, "epochScale", settings.EpochScale);
                Number(json, "capacityScale", settings.CapacityScale);
                Number(json, "samplingTemperature", settings.SamplingTemperature);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("settings");
            }

            json.WriteString("verdict", VerdictText(attempt.Verdict));
            Strings(json, "reasons", attempt.Reasons);
            Number(json, "seconds", attempt.Duration.TotalSeconds);
            json.WriteStartArray("outcomes");
            foreach (var test in attempt.Tests)
            {
                json.WriteStartObject();
                json.WriteString("id", test.Id.ToString());
                json.WriteString("outcome", Camel(test.Outcome.ToString()));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter json, PrivacyTestResult test)
    {
        json.WriteStartObject();
        json.WriteString("id", test.Id.ToString());
        json.WriteString("name", test.Name);
        json.WriteString("outcome", Camel(test.Outcome.ToString()));
        json.WriteString("reason", test.Reason);
        json.WriteStartArray("statistics");
        foreach (var statistic in test.Statistics)
        {
            json.WriteStartObject();
            json.WriteString("name", statistic.Name);
            Number(json, "value", statistic.Value);
            if (statistic.Interval is { } interval)
            {
                json.WriteStartObject("interval");
                Number(json, "lower", interval.Lower);
                Number(json, "upper", interval.Upper);
                Number(json, "level", interval.Level);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("interval");
            }

            if (statistic.Limit is { } limit)
            {
                Number(json, "limit", limit);
            }
            else
            {
                json.WriteNull("limit");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteQuality(Utf8JsonWriter json, QualityReport quality, IReadOnlyList<QualityFloorResult> floors)
    {
        json.WriteStartObject("quality");
        var settings = quality.Settings;
        json.WriteStartObject("settings");
        json.WriteNumber("seed", settings.Seed);
        json.WriteNumber("bootstrapReplicates", settings.BootstrapReplicates);
        json.WriteNumber("trainRows", settings.TrainRows);
        json.WriteNumber("holdoutRows", settings.HoldoutRows);
        json.WriteNumber("syntheticRows", settings.SyntheticRows);
        json.WriteNumber("numericLevels", settings.NumericLevels);
        json.WriteNumber("categoryLevels", settings.CategoryLevels);
        json.WriteEndObject();
        Strings(json, "identifierColumns", quality.IdentifierColumns);

        json.WriteStartArray("floors");
        foreach (var floor in floors)
        {
            json.WriteStartObject();
            json.WriteString("metric", floor.Metric);
            if (ReportFigures.Against(floor.Value, floor.Bound) is { } shown)
            {
                json.WriteNumber("value", shown);
            }
            else
            {
                json.WriteNull("value");
            }

            json.WriteString("bound", floor.IsMaximum ? "max" : "min");
            Number(json, "threshold", floor.Bound);
            json.WriteString("action", Camel(floor.Action.ToString()));
            json.WriteBoolean("met", floor.Met);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("columnShapes");
        Compared(json, "average", quality.ColumnShapes.Average);
        Rows(json, "columns", quality.ColumnShapes.Columns, shape =>
        {
            json.WriteString("column", shape.Column);
            json.WriteString("kind", Camel(shape.Kind.ToString()));
            json.WriteString("metric", shape.Metric);
            Compared(json, "score", shape.Score);
        });
        json.WriteEndObject();

        json.WriteStartObject("pairTrends");
        Compared(json, "average", quality.PairTrends.Average);
        json.WriteNumber("replicates", quality.PairTrends.Replicates);
        Rows(json, "pairs", quality.PairTrends.Pairs, pair =>
        {
            json.WriteString("first", pair.First);
            json.WriteString("second", pair.Second);
            json.WriteString("metric", pair.Metric);
            Compared(json, "score", pair.Score);
            Number(json, "realAssociation", pair.RealAssociation);
            Number(json, "syntheticAssociation", pair.SyntheticAssociation);
        });
        json.WriteEndObject();

        json.WriteStartObject("nullRates");
        Compared(json, "averageDifference", quality.NullRates.AverageDifference);
        Rows(json, "columns", quality.NullRates.Columns, column =>
        {
            json.WriteString("column", column.Column);
            Number(json, "trainRate", column.TrainRate);
            Number(json, "syntheticRate", column.SyntheticRate);
            Number(json, "holdoutRate", column.HoldoutRate);
            Compared(json, "difference", column.Difference);
        });
        json.WriteEndObject();

        json.WriteStartObject("adherence");
        Compared(json, "average", quality.Adherence.Average);
        Rows(json, "columns", quality.Adherence.Columns, column =>
        {
            json.WriteString("column", column.Column);
            json.WriteString("metric", column.Metric);
            Compared(json, "score", column.Score);
        });
        json.WriteEndObject();

        json.WriteStartObject("inverseKl");
        Compared(json, "average", quality.InverseKl.Average);
        Rows(json, "columns", quality.InverseKl.Columns, column =>
        {
            json.WriteString("column", column.Column);
            Compared(json, "score", column.Score);
        });
        json.WriteEndObject();

        var density = quality.DensityCoverage;
        json.WriteStartObject("densityCoverage");
        json.WriteNumber("nearestNeighbours", density.NearestNeighbours);
        json.WriteNumber("rowsPerSide", density.RowsPerSide);
        Compared(json, "density", density.Density);
        Compared(json, "coverage", density.Coverage);
        json.WriteEndObject();

        var discriminator = quality.Discriminator;
        json.WriteStartObject("discriminator");
        json.WriteNumber("folds", discriminator.Folds);
        json.WriteNumber("rowsPerSide", discriminator.RowsPerSide);
        Compared(json, "auc", new ComparedScore(discriminator.SyntheticVsTrain, discriminator.HoldoutVsTrain));
        json.WriteEndObject();

        var efficacy = quality.MlEfficacy;
        json.WriteStartObject("mlEfficacy");
        json.WriteString("target", efficacy.Target);
        json.WriteString("task", Camel(efficacy.Task.ToString()));
        json.WriteNumber("holdoutRows", efficacy.HoldoutRows);
        json.WriteNumber("missingClasses", efficacy.TrainedOnSynthetic.MissingClasses);
        Scores(json, "trainedOnSynthetic", efficacy.TrainedOnSynthetic);
        Scores(json, "trainedOnReal", efficacy.TrainedOnReal);
        Scores(json, "gap", efficacy.Gap);
        json.WriteEndObject();

        Rows(json, "distributions", quality.Distributions, distribution =>
        {
            json.WriteString("column", distribution.Column);
            json.WriteString("kind", Camel(distribution.Kind.ToString()));
            Number(json, "realMissingShare", distribution.RealMissingShare);
            Number(json, "syntheticMissingShare", distribution.SyntheticMissingShare);
            Rows(json, "bins", distribution.Bins, bin =>
            {
                json.WriteString("label", bin.Label);
                Number(json, "real", bin.RealShare);
                Number(json, "synthetic", bin.SyntheticShare);
            });
        });
        json.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter json, Provenance provenance)
    {
        json.WriteStartObject("provenance");
        json.WriteString("source", provenance.Source);
        Rows(json, "details", provenance.Details, item =>
        {
            json.WriteString("name", item.Name);
            json.WriteString("value", item.Value);
        });
        json.WriteEndObject();
    }

    private static void WriteTimings(Utf8JsonWriter json, IReadOnlyList<StageTiming> timings)
    {
        Rows(json, "timings", timings, timing =>
        {
            json.WriteString("stage", timing.Stage);
            Number(json, "seconds", timing.Elapsed.TotalSeconds);
        });
    }

    private static void Scores(Utf8JsonWriter json, string name, DownstreamScore score)
    {
        json.WriteStartObject(name);
        foreach (var metric in score.Metrics)
        {
            Estimate(json, metric.Name, metric.Estimate);
        }

        json.WriteEndObject();
    }

    private static void Compared(Utf8JsonWriter json, string name, ComparedScore score)
    {
        json.WriteStartObject(name);
        Estimate(json, "synthetic", score.Synthetic);
        Estimate(json, "reference", score.Reference);
        json.WriteEndObject();
    }

    private static void Estimate(Utf8JsonWriter json, string name, Estimate estimate)
    {
        json.WriteStartObject(name);
        Number(json, "value", estimate.Value);
        if (estimate.HasInterval && double.IsFinite(estimate.Value))
        {
            json.WriteStartArray("ci95");
            Element(json, estimate.Lower!.Value);
            Element(json, estimate.Upper!.Value);
            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("ci95");
        }

        json.WriteEndObject();
    }

    private static void Rows<T>(Utf8JsonWriter json, string name, IEnumerable<T> rows, Action<T> write)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            write(row);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (ReportFigures.Rounded(value) is { } rounded)
        {
            json.WriteNumber(name, rounded);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Element(Utf8JsonWriter json, double value)
    {
        if (ReportFigures.Rounded(value) is { } rounded)
        {
            json.WriteNumberValue(rounded);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
