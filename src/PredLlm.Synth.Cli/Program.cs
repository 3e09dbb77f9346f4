using System.CommandLine;
using PredLlm.Synth;
using PredLlm.Synth.Cli;
using PredLlm.Synth.Cli.Commands;
using PredLlm.Synth.Worker.Hosting;

var root = new RootCommand("predllm: synthetic copies of tables that are faithful and private (Pred-LLM).");
root.Subcommands.Add(SelfTestCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());

// On Ctrl+C / SIGTERM a command's token is cancelled; `serve` needs up to its shutdown timeout to hand
// its claim back before the process may be ended (System.CommandLine's own default is 2 s).
// Exceptions reach the handlers below (not System.CommandLine's own, which would answer 1 for bad input too).
var invocation = new InvocationConfiguration
{
    ProcessTerminationTimeout = WorkerServiceCollectionExtensions.ShutdownTimeout,
    EnableDefaultExceptionHandler = false,
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
{
    // A missing or malformed option is bad input (exit 2), like a bad table.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }
    return ExitCodes.BadInput;
}

try
{
    return await parsed.InvokeAsync(invocation);
}
catch (BadInputException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return ExitCodes.BadInput;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("cancelled");
    return ExitCodes.InternalError;
}
catch (Exception e)
{
    // Exception messages in this code base never carry data values; the stack helps a bug report.
    await Console.Error.WriteLineAsync($"internal error: {e}");
    return ExitCodes.InternalError;
}
