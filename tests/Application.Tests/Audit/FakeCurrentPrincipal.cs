using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Tests.Audit;

public sealed class FakeCurrentPrincipal(CallerPrincipal? principal) : ICurrentPrincipal
{
    public CallerPrincipal? Principal { get; } = principal;

    public AuditContext Context { get; } = new("test-correlation", "192.0.2.1", "tests/1.0");

    public static FakeCurrentPrincipal Anonymous => new(null);

    public static FakeCurrentPrincipal Admin() =>
        new(new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Ada Admin", true, []));

    public static FakeCurrentPrincipal User(params TeamAccess[] teams) =>
        new(new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Uma User", false, teams));

    public static FakeCurrentPrincipal Machine(TeamAccess team) =>
        new(new CallerPrincipal(PrincipalKind.Machine, Guid.NewGuid(), "ci-pipeline", false, [team]));
}
