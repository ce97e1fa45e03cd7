namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>
/// A named lease held in the shared database, so that exactly one replica does a piece of background
/// work (syncing an organization, for example) at a time. A holder that crashes stops renewing, its lease
/// expires, and another replica takes over.
/// </summary>
public interface IDistributedLease
{
    /// <summary>The id this replica holds leases under.</summary>
    string HolderId { get; }

    /// <summary>Takes or renews the lease; false when another holder's lease has not expired.</summary>
    Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up early (on shutdown) so another replica need not wait for expiry.</summary>
    Task ReleaseAsync(string name, CancellationToken cancellationToken);
}
