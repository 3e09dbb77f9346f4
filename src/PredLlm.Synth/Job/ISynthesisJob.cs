namespace PredLlm.Synth.Job;

/// <summary>
/// The pipeline of one table as the hosted worker (and any other host) calls it: read and validate,
/// train, generate, evaluate, gate, and write the outputs into <see cref="SynthesisRequest.OutputDirectory"/>.
/// </summary>
/// <remarks>
/// Outcomes:
/// <list type="bullet">
/// <item><see cref="SynthesisVerdict.Released"/>: <see cref="SynthesisOutputs.SyntheticTable"/>,
/// <see cref="SynthesisOutputs.ReportJson"/> and <see cref="SynthesisOutputs.ReportHtml"/> are written.</item>
/// <item><see cref="SynthesisVerdict.Rejected"/>: the gate refused the copy; both reports are written,
/// no synthetic table.</item>
/// <item>Bad input: throw <see cref="BadInputException"/> whose message names the problem (never a data
/// value); the worker records it in <c>failed/</c> and does not retry.</item>
/// </list>
/// Any other exception is an internal failure the worker retries, up to its attempt limit.
/// The job must honour <paramref name="cancellationToken"/> promptly (within a few seconds, e.g. between
/// training steps): the worker cancels when it loses its claim on the input or when the host stops.
/// </remarks>
public interface ISynthesisJob
{
    Task<SynthesisVerdict> RunAsync(SynthesisRequest request, CancellationToken cancellationToken);
}
