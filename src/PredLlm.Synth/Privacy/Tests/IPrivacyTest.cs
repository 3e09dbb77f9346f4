namespace PredLlm.Synth.Privacy.Tests;

/// <summary>One test of the release gate (P1-P7). P0, the preconditions, frames the others and is not one of them.</summary>
internal interface IPrivacyTest
{
    PrivacyTestId Id { get; }

    string Name { get; }

    /// <summary>Runs the test; an exception means the test could not decide, and the gate blocks.</summary>
    PrivacyTestResult Run(GateContext context);
}
