using System.CommandLine;
using PredLlm.Synth.Runtime;

namespace PredLlm.Synth.Cli.Commands;

/// <summary><c>predllm selftest</c>: proves the native TorchSharp backend loads and computes here.</summary>
internal static class SelfTestCommand
{
    public static Command Create()
    {
        var command = new Command("selftest", "Check that the TorchSharp backend loads and trains on this machine.");
        command.SetAction(_ =>
        {
            var report = TorchRuntime.SelfTest();
            Console.WriteLine(report);
            return ExitCodes.Released;
        });
        return command;
    }
}
