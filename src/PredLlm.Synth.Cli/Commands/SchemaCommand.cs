using System.CommandLine;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Cli.Commands;

/// <summary><c>predllm schema &lt;table&gt;</c>: the inferred schema of a Parquet or CSV table, as JSON on stdout.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var table = new Argument<FileInfo>("table") { Description = "A Parquet file, or a CSV file with a header row." };
        var command = new Command("schema", "Print a table's inferred schema as JSON: column kinds, null counts, cardinality, ranges, identifier-like columns.")
        {
            table,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(table)!.FullName;
            var schema = TableSchema.Infer(await TableReader.ReadAsync(path, TableLimits.Default, cancellationToken));
            await Console.Out.WriteLineAsync(schema.ToJson());
            return ExitCodes.Released;
        });
        return command;
    }
}
