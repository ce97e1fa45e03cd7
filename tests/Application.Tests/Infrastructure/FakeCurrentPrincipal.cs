using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Tests.Infrastructure;

/// <summary>The caller of the next message; set it per test (see <see cref="SqliteHandlerTestBase"/>'s ActAs helpers).</summary>
public sealed class FakeCurrentPrincipal : ICurrentPrincipal
{
    public CallerPrincipal? Principal { get; set; }

    public AuditContext Context { get; set; } = new("test-correlation-id", "127.0.0.1", "handler-tests");
}
