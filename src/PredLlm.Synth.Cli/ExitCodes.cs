namespace PredLlm.Synth.Cli;

/// <summary>The process exit codes DESIGN.md promises to users and scripts.</summary>
internal static class ExitCodes
{
    public const int Released = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;
    public const int Rejected = 3;
}
