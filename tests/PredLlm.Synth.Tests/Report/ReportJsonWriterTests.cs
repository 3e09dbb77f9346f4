using System.Text.Json;
using PredLlm.Synth.Report;

namespace PredLlm.Synth.Tests.Report;

public class ReportJsonWriterTests
{
    private static readonly string Text = Write();

    private static string Write()
    {
        using var stream = new MemoryStream();
        ReportJsonWriter.Write(SampleReports.Passing, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_report_names_its_schema_verdict_policy_seeds_inputs_and_timings()
    {
        using var document = JsonDocument.Parse(Text);
        var root = document.RootElement;

        Assert.Equal("predllm-report", root.GetProperty("schema").GetString());
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("PASS", root.GetProperty("verdict").GetString());
        Assert.Equal("default", root.GetProperty("policy").GetProperty("name").GetString());
        Assert.Equal(5, root.GetProperty("seeds").GetProperty("quality").GetInt32());
        Assert.Equal(64, root.GetProperty("inputs")[0].GetProperty("sha256").GetString()!.Length);
        Assert.Contains(root.GetProperty("timings").EnumerateArray(), timing => timing.GetProperty("stage").GetString() == "quality.discriminator");
        Assert.Equal("P2", root.GetProperty("privacy").GetProperty("tests")[1].GetProperty("id").GetString());
        Assert.Equal(0.55, root.GetProperty("privacy").GetProperty("tests")[1].GetProperty("statistics")[0].GetProperty("limit").GetDouble());
    }

    [Fact]
    public void Every_quality_statistic_carries_its_interval_and_reference()
    {
        using var document = JsonDocument.Parse(Text);
        var quality = document.RootElement.GetProperty("quality");

        var shape = quality.GetProperty("columnShapes").GetProperty("columns")[1];
        Assert.Equal("<script>alert(1)</script>", shape.GetProperty("column").GetString());
        var interval = shape.GetProperty("score").GetProperty("synthetic").GetProperty("ci95");
        Assert.Equal(2, interval.GetArrayLength());
        Assert.True(interval[0].GetDouble() <= interval[1].GetDouble());
        Assert.Equal(JsonValueKind.Object, shape.GetProperty("score").GetProperty("reference").ValueKind);
        Assert.Equal(JsonValueKind.Array, quality.GetProperty("mlEfficacy").GetProperty("gap").GetProperty("accuracy").GetProperty("ci95").ValueKind);
        Assert.Equal(JsonValueKind.Array, quality.GetProperty("discriminator").GetProperty("auc").GetProperty("synthetic").GetProperty("ci95").ValueKind);
        Assert.Equal(7, quality.GetProperty("floors").GetArrayLength());
    }

    [Fact]
    public void Numbers_are_rounded_and_no_rare_or_extreme_value_leaks()
    {
        Assert.DoesNotContain(SampleReports.RarePerson, Text, StringComparison.Ordinal);
        Assert.DoesNotContain("987654", Text, StringComparison.Ordinal);
        Assert.Empty(System.Text.RegularExpressions.Regex.Matches(Text, @"\d\.\d{4,}"));
        Assert.DoesNotContain("<script>", Text, StringComparison.Ordinal);
    }
}
