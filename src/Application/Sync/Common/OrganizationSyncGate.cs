using System.Collections.Concurrent;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>
/// One sync run per organization at a time on this replica. The <c>sync:{org}</c> lease keeps other replicas out, but
/// it is the replica's own: the background worker and an admin's sync-now on one replica both hold it, and two runs of
/// one organization at once raced on every runner they changed (each conflict replanned over the whole fleet: such a
/// pair ran for over two minutes on 11,000 runners in issue 10's bench). A second run waits for the first, then runs
/// on what the first left.
/// </summary>
public sealed class OrganizationSyncGate
{
    // One per organization key, kept for the replica's life: organizations are few.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits until no other run of the organization (its lowercase key) is going on; dispose to let the next in.</summary>
    public async Task<IDisposable> EnterAsync(string organizationKey, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(organizationKey, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
