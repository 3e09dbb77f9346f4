using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

/// <summary>The demo table the README runs <c>predllm schema</c> on.</summary>
public class DemoTableTests
{
    private static string DemoTablePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PredLlm.Synth.sln")))
            {
                return Path.Combine(directory.FullName, "demo", "iris.parquet");
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }

    [Fact]
    public async Task The_demo_table_is_iris_as_parquet()
    {
        var table = await TableReader.ReadAsync(DemoTablePath());
        var schema = TableSchema.Infer(table);

        Assert.Equal(150, schema.RowCount);
        Assert.Equal(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)", "target"], schema.Columns.Select(column => column.Name));
        Assert.Equal([ColumnKind.Continuous, ColumnKind.Continuous, ColumnKind.Continuous, ColumnKind.Continuous, ColumnKind.Categorical], schema.Columns.Select(column => column.Kind));
        Assert.Equal(3, schema["target"].DistinctCount);
        Assert.Equal("5.1", table["sepal length (cm)"].Format(0));
        Assert.Equal("7.9", schema["sepal length (cm)"].Max);
    }
}
