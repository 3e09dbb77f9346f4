namespace PredLlm.Synth.Job;

/// <summary>What the gate decided for a table that could be read and synthesised.</summary>
public enum SynthesisVerdict
{
    /// <summary>The synthetic copy passed the policy and is published with its reports.</summary>
    Released,

    /// <summary>The copy failed the policy: only the reports are kept, in quarantine.</summary>
    Rejected,
}
