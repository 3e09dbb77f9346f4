using System.CommandLine;
using PredLlm.Synth;
using PredLlm.Synth.Cli;
using PredLlm.Synth.Cli.Commands;
using PredLlm.Synth.Worker.Hosting;

var root = new RootCommand("predllm: synthetic copies of tables that are faithful and private (Pred-LLM).");
root.Subcommands.Add(SelfTestCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());

// On Ctrl+C / SIGTERM a command's token is cancelled; `serve` needs up to its shutdown timeout to hand
// its claim back before the process may be ended (System.CommandLine's own default is 2 s).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = WorkerServiceCollectionExtensions.ShutdownTimeout };

try
{
    return await root.Parse(args).InvokeAsync(invocation);
}
catch (BadInputException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return ExitCodes.BadInput;
}
