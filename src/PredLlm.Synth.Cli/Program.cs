using System.CommandLine;
using PredLlm.Synth;
using PredLlm.Synth.Cli;
using PredLlm.Synth.Cli.Commands;

var root = new RootCommand("predllm: synthetic copies of tables that are faithful and private (Pred-LLM).");
root.Subcommands.Add(SelfTestCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

try
{
    return await root.Parse(args).InvokeAsync();
}
catch (BadInputException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return ExitCodes.BadInput;
}
