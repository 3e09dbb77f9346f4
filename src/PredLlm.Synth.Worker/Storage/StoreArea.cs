namespace PredLlm.Synth.Worker.Storage;

/// <summary>The places of the storage contract (DESIGN.md): containers on blob storage, folders on disk.</summary>
public enum StoreArea
{
    Inbox,
    Published,
    Quarantine,
    Failed,

    /// <summary>Receipts, claims and the scan watermark: the worker's own bookkeeping.</summary>
    State,
}
