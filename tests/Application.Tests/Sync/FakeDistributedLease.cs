using RunnerTokens.Application.Common.Interfaces;

namespace RunnerTokens.Application.Tests.Sync;

/// <summary>A lease store for one replica: every lease is granted except those another replica is said to hold.</summary>
public sealed class FakeDistributedLease : IDistributedLease
{
    /// <summary>Leases held by another replica: <see cref="TryAcquireAsync"/> refuses them.</summary>
    public HashSet<string> HeldElsewhere { get; } = new(StringComparer.Ordinal);

    public List<string> Acquired { get; } = [];

    public string HolderId => "replica-under-test";

    public Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (HeldElsewhere.Contains(name))
        {
            return Task.FromResult(false);
        }

        Acquired.Add(name);
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
