using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Tests.Audit;

/// <summary>Callers for the audit handler tests, on the shared <see cref="FakeCurrentPrincipal"/>.</summary>
internal static class Callers
{
    public static FakeCurrentPrincipal Anonymous => new();

    public static FakeCurrentPrincipal Admin() =>
        new() { Principal = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Ada Admin", true, []) };

    public static FakeCurrentPrincipal User(params TeamAccess[] teams) =>
        new() { Principal = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Uma User", false, teams) };

    public static FakeCurrentPrincipal Machine(TeamAccess team) =>
        new() { Principal = new CallerPrincipal(PrincipalKind.Machine, Guid.NewGuid(), "ci-pipeline", false, [team]) };
}
