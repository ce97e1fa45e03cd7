using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Behaviors;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Tests.Common.Security;

/// <summary>The markers decide who reaches the handler; refusals come back as failed Results, never exceptions.</summary>
public sealed class AuthorizationBehaviorTests : SqliteHandlerTestBase
{
    private static readonly CallerPrincipal Member = new(PrincipalKind.User, Guid.NewGuid(), "member", IsAdmin: false, []);
    private static readonly CallerPrincipal Admin = Member with { IsAdmin = true };

    private int handled;

    private FakeCurrentPrincipal current => CurrentPrincipal;

    [SetUp]
    public void Reset() => handled = 0;

    [Test]
    public async Task An_anonymous_caller_gets_unauthenticated_without_reaching_the_handler()
    {
        current.Principal = null;

        var result = await SendAsync(new PrincipalQuery());
        var plain = await SendAsync(new PrincipalCommand());

        result.Error.ShouldBe(AccessErrors.Unauthenticated);
        plain.Error.ShouldBe(AccessErrors.Unauthenticated);
        handled.ShouldBe(0);
    }

    [Test]
    public async Task A_non_admin_gets_admin_required_on_an_admin_only_message()
    {
        current.Principal = Member;

        var result = await SendAsync(new AdminQuery());

        result.Error.ShouldBe(AccessErrors.AdminRequired);
        handled.ShouldBe(0);
    }

    [Test]
    public async Task An_admin_only_refusal_is_a_low_security_event_once_per_principal_message_and_window()
    {
        current.Principal = Member;

        await SendAsync(new AdminQuery());
        await SendAsync(new AdminQuery());
        Clock.Advance(AuthorizationBehavior<AdminQuery, Result<int>>.RefusalEventWindow);
        await SendAsync(new AdminQuery());

        var events = await WithDbAsync(db => db.SecurityEvents.AsNoTracking().ToListAsync());
        events.Count.ShouldBe(2, "the second refusal within the window is not another row");
        events.ShouldAllBe(e => e.Type == "authorization.admin_required" && e.Severity == SecuritySeverity.Low && e.ActorId == Member.Id.ToString());
        events[0].DetailsJson.ShouldContain(nameof(AdminQuery));
    }

    [Test]
    public async Task Admitted_callers_and_anonymous_refusals_leave_no_security_event()
    {
        current.Principal = Admin;
        await SendAsync(new AdminQuery());
        current.Principal = null;
        await SendAsync(new AdminQuery());

        (await WithDbAsync(db => db.SecurityEvents.CountAsync())).ShouldBe(0);
    }

    [Test]
    public async Task An_anonymous_caller_of_an_admin_only_message_is_unauthenticated_first()
    {
        current.Principal = null;

        (await SendAsync(new AdminQuery())).Error.ShouldBe(AccessErrors.Unauthenticated);
    }

    [Test]
    public async Task Admitted_callers_reach_the_handler()
    {
        current.Principal = Member;
        (await SendAsync(new PrincipalQuery())).Value.ShouldBe(1);

        current.Principal = Admin;
        (await SendAsync(new AdminQuery())).Value.ShouldBe(2);
    }

    [Test]
    public async Task Unmarked_messages_pass_for_anyone()
    {
        current.Principal = null;

        (await SendAsync(new OpenQuery())).Value.ShouldBe(1);
    }

    private async ValueTask<TResponse> SendAsync<TMessage, TResponse>(TMessage message, TResponse success)
        where TMessage : notnull, IMessage
    {
        await using var scope = Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<AuthorizationBehavior<TMessage, TResponse>>(scope.ServiceProvider).Handle(
            message,
            (_, _) =>
            {
                handled++;
                return ValueTask.FromResult(success);
            },
            CancellationToken.None);
    }

    private ValueTask<Result<int>> SendAsync(PrincipalQuery query) => SendAsync(query, Result.Success(handled + 1));

    private ValueTask<Result<int>> SendAsync(AdminQuery query) => SendAsync(query, Result.Success(handled + 1));

    private ValueTask<Result<int>> SendAsync(OpenQuery query) => SendAsync(query, Result.Success(handled + 1));

    private ValueTask<Result> SendAsync(PrincipalCommand command) => SendAsync(command, Result.Success());

    public sealed record PrincipalQuery : IQuery<Result<int>>, IRequiresPrincipal;

    public sealed record AdminQuery : IQuery<Result<int>>, IAdminOnly;

    public sealed record OpenQuery : IQuery<Result<int>>;

    public sealed record PrincipalCommand : ICommand<Result>, IRequiresPrincipal;
}
