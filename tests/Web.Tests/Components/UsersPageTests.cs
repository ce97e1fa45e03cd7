using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Users;
using RunnerTokens.Application.Users.ListUsers;
using RunnerTokens.Application.Users.UpdateUser;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Web.Security;
using RunnerTokens.Web.Users;

namespace RunnerTokens.Web.Tests.Components;

public sealed class UsersPageTests : DashboardComponentTest
{
    private static readonly UserDto Max = new(
        Guid.NewGuid(), "https://dev.local", "max", "max@example.com", EmailIssuer: null, "Max Member", false, true, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);

    [Test]
    public void An_admin_sees_the_users_and_searches_them()
    {
        SignInAsAdmin();
        Sender.On<ListUsersQuery>(q => Result.Success(new Page<UserDto>(q.Text is null or "max" ? [Max] : [], null)));
        var page = Context.Render<UsersPage>();

        page.Find("[data-testid=users-grid]").TextContent.ShouldContain("max@example.com");
        page.Find("[data-testid=user-search]").Input("nobody");

        page.WaitForAssertion(() => page.Find("[data-testid=users-grid]").TextContent.ShouldContain("No users match."));
        Sender.Sent.OfType<ListUsersQuery>().Last().Text.ShouldBe("nobody");
    }

    [Test]
    public void Promoting_asks_for_confirmation_then_sends_the_change()
    {
        SignInAsAdmin();
        var admin = false;
        Sender.On<ListUsersQuery>(_ => Result.Success(new Page<UserDto>([Max with { IsAdmin = admin }], null)));
        Sender.On<UpdateUserCommand>(c => { admin = c.IsAdmin ?? admin; return Result.Success(Max with { IsAdmin = admin }); });
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Context.Render<UsersPage>();

        page.Find("[data-testid=user-admin]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm-ok]").TextContent.ShouldContain("Promote"));
        Sender.Sent.OfType<UpdateUserCommand>().ShouldBeEmpty();
        dialogs.Find("[data-testid=confirm-ok]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=user-admin]").TextContent.ShouldContain("Demote"));
        var sent = Sender.Sent.OfType<UpdateUserCommand>().Single();
        sent.Id.ShouldBe(Max.Id);
        sent.IsAdmin.ShouldBe(true);
        sent.IsActive.ShouldBeNull();
    }

    [Test]
    public void Someone_who_is_not_an_admin_gets_the_servers_refusal_and_no_list()
    {
        Sender.On<ListUsersQuery>(_ => Result<Page<UserDto>>.Failure(AccessErrors.AdminRequired));
        var page = Context.Render<UsersPage>();

        page.Find("[data-testid=problem]").TextContent.ShouldContain(AccessErrors.AdminRequired.Code);
        page.FindAll("[data-testid=users-grid]").ShouldBeEmpty();
        page.FindAll("[data-testid=user-new]").ShouldBeEmpty();
    }

    private void SignInAsAdmin() =>
        Context.Services.GetRequiredService<DashboardPrincipal>().Principal =
            new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Ada Admin", true, []);
}
