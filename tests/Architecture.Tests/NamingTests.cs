using RunnerTokens.Architecture.Tests.Violations.Naming;
using static RunnerTokens.Architecture.Tests.ArchitectureRules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// CQRS naming and shape: commands end in Command, queries in Query, handlers in Handler and are public
/// sealed classes, validators end in Validator. Each rule runs on the real code (must pass), on the
/// well-formed fixtures in <c>Conforming</c> (must pass) and on the bad ones in <c>Violations</c> (must fail).
/// </summary>
public sealed class NamingTests
{
    private const string Rule = "CQRS naming";

    [Test]
    public void Commands_end_with_Command()
    {
        CommandsEndWithCommand(Production(IsCommand)).ShouldPass("Commands end with Command");
        CommandsEndWithCommand(Conforming(IsCommand)).ShouldPass("Commands end with Command");
    }

    [Test]
    public void Command_rule_rejects_a_badly_named_command() =>
        CommandsEndWithCommand(Violating(IsCommand)).ShouldFailFor(Rule, typeof(ArchiveTeam), typeof(PurgeEverything));

    [Test]
    public void Queries_end_with_Query()
    {
        QueriesEndWithQuery(Production(IsQuery)).ShouldPass("Queries end with Query");
        QueriesEndWithQuery(Conforming(IsQuery)).ShouldPass("Queries end with Query");
    }

    [Test]
    public void Query_rule_rejects_a_badly_named_query() =>
        QueriesEndWithQuery(Violating(IsQuery)).ShouldFailFor(Rule, typeof(TeamsByName));

    [Test]
    public void Handlers_end_with_Handler()
    {
        HandlersEndWithHandler(Production(IsHandler)).ShouldPass("Handlers end with Handler");
        HandlersEndWithHandler(Conforming(IsHandler)).ShouldPass("Handlers end with Handler");
    }

    [Test]
    public void Handler_name_rule_rejects_a_badly_named_handler() =>
        HandlersEndWithHandler(Violating(IsHandler)).ShouldFailFor(Rule, typeof(ArchiveTeamProcessor));

    [Test]
    public void Handlers_are_public_and_sealed()
    {
        HandlersArePublicAndSealed(Production(IsHandler)).ShouldPass("Handlers are public and sealed");
        HandlersArePublicAndSealed(Conforming(IsHandler)).ShouldPass("Handlers are public and sealed");
    }

    [Test]
    public void Handler_shape_rule_rejects_internal_and_unsealed_handlers() =>
        HandlersArePublicAndSealed(Violating(IsHandler))
            .ShouldFailFor(Rule, Type.GetType($"{Layers.Violations}.Naming.HiddenArchiveTeamHandler", throwOnError: true)!, typeof(UnsealedTeamsByNameHandler));

    [Test]
    public void Validators_end_with_Validator()
    {
        ValidatorsEndWithValidator(Production(IsValidator)).ShouldPass("Validators end with Validator");
        ValidatorsEndWithValidator(Conforming(IsValidator)).ShouldPass("Validators end with Validator");
    }

    [Test]
    public void Validator_rule_rejects_a_badly_named_validator() =>
        ValidatorsEndWithValidator(Violating(IsValidator)).ShouldFailFor(Rule, typeof(ArchiveTeamRules));

    [Test]
    public void The_fixtures_are_selected()
    {
        // Guards the rules against passing because their selection found nothing.
        Conforming(IsCommand).GetTypes().Count().ShouldBe(1);
        Conforming(IsQuery).GetTypes().Count().ShouldBe(1);
        Conforming(IsHandler).GetTypes().Count().ShouldBe(2);
        Conforming(IsValidator).GetTypes().Count().ShouldBe(1);
    }

    private static NetArchTest.Rules.PredicateList Production(Func<Type, bool> filter) => Scope.Of(Layers.Production, filter);

    private static NetArchTest.Rules.PredicateList Conforming(Func<Type, bool> filter) =>
        Scope.Of(Layers.Tests, t => filter(t) && t.Namespace == $"{Layers.Conforming}.Naming");

    private static NetArchTest.Rules.PredicateList Violating(Func<Type, bool> filter) =>
        Scope.Of(Layers.Tests, t => filter(t) && t.Namespace == $"{Layers.Violations}.Naming");
}
