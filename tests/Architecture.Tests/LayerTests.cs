using RunnerTokens.Architecture.Tests.Violations.ApplicationLayer;
using RunnerTokens.Architecture.Tests.Violations.Controllers;
using RunnerTokens.Architecture.Tests.Violations.DomainLayer;
using RunnerTokens.Architecture.Tests.Violations.InfrastructureLayer;
using static RunnerTokens.Architecture.Tests.ArchitectureRules;

namespace RunnerTokens.Architecture.Tests;

/// <summary>
/// Layering: Domain &lt;- Application &lt;- Infrastructure &lt;- Api. Each rule runs on the real code (must pass)
/// and on the fixtures in <c>Violations</c> (must fail), so every rule is shown able to fail.
/// </summary>
public sealed class LayerTests
{
    [Test]
    public void Domain_depends_on_nothing_else() =>
        DomainDependsOnNothingElse(Scope.Assembly(Layers.Domain)).ShouldPass("Domain depends on nothing else");

    [Test]
    public void Domain_rule_rejects_a_domain_type_using_other_layers_or_frameworks() =>
        DomainDependsOnNothingElse(Scope.Namespace(Layers.Tests, $"{Layers.Violations}.DomainLayer"))
            .ShouldFailFor("Domain depends on nothing else", typeof(DomainTypeUsingApplication), typeof(DomainTypeUsingEfCore), typeof(DomainTypeUsingAspNetCore));

    [Test]
    public void Application_depends_on_domain_only() =>
        ApplicationDependsOnDomainOnly(Scope.Assembly(Layers.Application)).ShouldPass("Application depends on Domain only");

    [Test]
    public void Application_rule_rejects_an_application_type_using_outer_layers() =>
        ApplicationDependsOnDomainOnly(Scope.Namespace(Layers.Tests, $"{Layers.Violations}.ApplicationLayer"))
            .ShouldFailFor("Application depends on Domain only", typeof(ApplicationTypeUsingInfrastructure), typeof(ApplicationTypeUsingApi), typeof(ApplicationTypeUsingAspNetCore));

    [Test]
    public void Infrastructure_does_not_depend_on_api() =>
        InfrastructureDoesNotDependOnApi(Scope.Assembly(Layers.Infrastructure)).ShouldPass("Infrastructure does not depend on Api");

    [Test]
    public void Infrastructure_rule_rejects_an_infrastructure_type_using_the_api() =>
        InfrastructureDoesNotDependOnApi(Scope.Namespace(Layers.Tests, $"{Layers.Violations}.InfrastructureLayer"))
            .ShouldFailFor("Infrastructure does not depend on Api", typeof(InfrastructureTypeUsingApi));

    [Test]
    public void Controllers_do_not_touch_the_database() =>
        ControllersDoNotTouchTheDatabase(Scope.Of(Layers.Api, IsController)).ShouldPass("Controllers do not touch the database");

    [Test]
    public void Controller_rule_rejects_controllers_using_a_db_context() =>
        ControllersDoNotTouchTheDatabase(Scope.Of(Layers.Tests, t => IsController(t) && t.Namespace == $"{Layers.Violations}.Controllers"))
            .ShouldFailFor("Controllers do not touch the database", typeof(ControllerUsingAppDbContext), typeof(ControllerUsingIAppDbContext), typeof(ControllerUsingDbContext));

    [Test]
    public void Layer_assemblies_reference_only_what_they_may()
    {
        ForbiddenReferences(Layers.Domain, DomainForbiddenReferences).ShouldBeEmpty("Domain references nothing else");
        ForbiddenReferences(Layers.Application, ApplicationForbiddenReferences).ShouldBeEmpty("Application references Domain only");
        ForbiddenReferences(Layers.Infrastructure, InfrastructureForbiddenReferences).ShouldBeEmpty("Infrastructure does not reference Api");
    }

    [Test]
    public void Reference_rules_reject_an_assembly_that_references_everything()
    {
        // The test assembly references every layer, EF Core and ASP.NET Core: each rule must object to it.
        ForbiddenReferences(Layers.Tests, DomainForbiddenReferences)
            .ShouldBeSupersetOfAll(["RunnerTokens.Application", "RunnerTokens.Infrastructure", "RunnerTokens.Api", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore.Http.Abstractions"]);
        ForbiddenReferences(Layers.Tests, ApplicationForbiddenReferences)
            .ShouldBeSupersetOfAll(["RunnerTokens.Infrastructure", "RunnerTokens.Api", "Microsoft.AspNetCore.Http.Abstractions"]);
        ForbiddenReferences(Layers.Tests, InfrastructureForbiddenReferences).ShouldBe(["RunnerTokens.Api"]);
    }

    [Test]
    public void The_layers_are_not_empty()
    {
        // Guards the rules above against passing because they selected nothing.
        Scope.Assembly(Layers.Domain).GetTypes().ShouldNotBeEmpty();
        Scope.Assembly(Layers.Application).GetTypes().ShouldNotBeEmpty();
        Scope.Assembly(Layers.Infrastructure).GetTypes().ShouldNotBeEmpty();
        Scope.Of(Layers.Api, IsController).GetTypes().ShouldNotBeEmpty();
    }
}
