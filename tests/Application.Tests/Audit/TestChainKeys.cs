using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>Fixed chain keys for tests: the service's, and one an attacker might use.</summary>
internal static class TestChainKeys
{
    public static readonly AuditChainKey Current = new("test-1", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly AuditChainKey Attacker = new("test-1", Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    public static readonly AuditChainKeyRing Ring = new(Current);
}
