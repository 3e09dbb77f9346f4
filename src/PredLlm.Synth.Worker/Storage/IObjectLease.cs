namespace PredLlm.Synth.Worker.Storage;

/// <summary>An exclusive, expiring claim on one object. It lapses unless renewed within its duration.</summary>
public interface IObjectLease
{
    string LeaseId { get; }

    /// <summary>Extends the lease by its full duration from now.</summary>
    /// <exception cref="LeaseLostException">The lease expired and was taken, or broken.</exception>
    Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up so that another holder can take it at once. Releasing a lost lease does nothing.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
