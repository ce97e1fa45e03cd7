using RunnerTokens.Architecture.Tests.Violations.Authorization;
using RunnerTokens.Architecture.Tests.Violations.Authorization.Users;
using static RunnerTokens.Architecture.Tests.AuthorizationRules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// The markers the authorization behaviour acts on are where the handlers need them. Each rule runs on the real
/// code (must pass), on the fixtures in <c>Conforming/Authorization</c> (must pass) and on the bad ones in
/// <c>Violations/Authorization</c> (must fail).
/// </summary>
public sealed class AuthorizationTests
{
    private const string PrincipalRule = "Handlers that read the caller handle IRequiresPrincipal messages";
    private const string AdminRule = "Admin-only use cases, and only they, are IAdminOnly";

    private static readonly string ApplicationRoot = "RunnerTokens.Application";
    private static readonly string ConformingRoot = $"{Layers.Conforming}.Authorization";
    private static readonly string ViolationsRoot = $"{Layers.Violations}.Authorization";

    [Test]
    public void Handlers_that_read_the_caller_require_a_principal()
    {
        PrincipalReadersRequireAPrincipal(Layers.Application, _ => true).ShouldPass(PrincipalRule);
        PrincipalReadersRequireAPrincipal(Layers.Tests, InNamespace(ConformingRoot)).ShouldPass(PrincipalRule);
    }

    [Test]
    public void Principal_rule_rejects_handlers_reading_the_caller_of_an_unmarked_message() =>
        PrincipalReadersRequireAPrincipal(Layers.Tests, InNamespace(ViolationsRoot))
            .ShouldFailFor(PrincipalRule, typeof(RenameTeamCommandHandler), typeof(ListMyTeamsQueryHandler));

    [Test]
    public void Admin_only_use_cases_are_marked()
    {
        AdminOnlyUseCasesAreMarked(Layers.Application, ApplicationRoot, _ => true).ShouldPass(AdminRule);
        AdminOnlyUseCasesAreMarked(Layers.Tests, ConformingRoot, InNamespace(ConformingRoot)).ShouldPass(AdminRule);
    }

    [Test]
    public void Admin_rule_rejects_an_unmarked_admin_use_case_and_a_stray_marker() =>
        AdminOnlyUseCasesAreMarked(Layers.Tests, ViolationsRoot, InNamespace(ViolationsRoot))
            .ShouldFailFor(AdminRule, typeof(DeleteUserCommandHandler), typeof(GetTeamBadgeQueryHandler));

    [Test]
    public void The_rules_see_the_use_cases()
    {
        // Guards the rules against passing because their selections found nothing.
        var readers = TypesReadingThePrincipal(Layers.Application);
        readers.ShouldContain(typeof(Application.Teams.GetTeam.GetTeamQueryHandler).FullName!);
        readers.ShouldContain(typeof(Application.Runners.Common.RunnerReserver).FullName!);
        AdminOnlyElsewhere.ShouldAllBe(name => Layers.Application.GetTypes().Any(t => t.Name == name));
        Layers.Application.GetTypes().Count(t => typeof(Application.Common.Security.IAdminOnly).IsAssignableFrom(t) && !t.IsInterface)
            .ShouldBeGreaterThanOrEqualTo(7);
    }

    private static Func<Type, bool> InNamespace(string root) =>
        t => t.Namespace is { } ns && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
}
