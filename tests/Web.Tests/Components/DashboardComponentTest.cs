using Bunit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Web.Security;
using RunnerTokens.Web.Shared;

namespace RunnerTokens.Web.Tests.Components;

/// <summary>bUnit with MudBlazor, a signed-in caller and a <see cref="FakeSender"/> standing in for the Application.</summary>
public abstract class DashboardComponentTest
{
    protected static readonly Guid WebTeamId = Guid.NewGuid();

    protected BunitContext Context { get; private set; } = null!;

    internal FakeSender Sender { get; private set; } = null!;

    /// <summary>The in-process runner change notifications pages subscribe to; tests publish on it.</summary>
    protected RunnerChangeFeed Changes { get; } = new(NullLogger<RunnerChangeFeed>.Instance);

    /// <summary>The signed-in caller (Max Member, member of team web, unless a test changes it).</summary>
    internal DashboardPrincipal Caller { get; private set; } = null!;

    [SetUp]
    public void SetUpContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Sender = new FakeSender();
        Context.Services.AddMudServices();
        Context.Services.AddSingleton<ISender>(Sender);
        Context.AddAuthorization();
        Context.Services.AddSingleton(Changes);
        var caller = Caller = new DashboardPrincipal
        {
            Principal = new CallerPrincipal(PrincipalKind.User, Guid.NewGuid(), "Max Member", false, [new TeamAccess(WebTeamId, "web", TeamAccessLevel.Member)]),
        };
        Context.Services.AddScoped(_ => caller);
        Context.Services.AddScoped<DashboardSession>();
        Context.Services.AddScoped(sp => new UseCases(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<DashboardPrincipal>()));
        Context.Render<MudBlazor.MudPopoverProvider>();
    }

    [TearDown]
    public async Task TearDownContext() => await Context.DisposeAsync();
}
