using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Domain.UnitTests.Audit;

/// <summary>Fixed chain keys for tests (never the development key of the service).</summary>
internal static class TestChainKeys
{
    public static readonly AuditChainKey Current = new("test-1", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly AuditChainKey Other = new("test-2", Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    /// <summary>Another key under the current key's id: what a forger without the real key might try.</summary>
    public static readonly AuditChainKey Attacker = new("test-1", Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    public static readonly AuditChainKeyRing Ring = new(Current);
}
