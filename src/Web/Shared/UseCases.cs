using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Domain.Common;
using RunnerTokens.Web.Security;

namespace RunnerTokens.Web.Shared;

/// <summary>
/// How pages run the Application's use cases: each message in its own scope (its own DbContext, never one
/// shared by a long-lived circuit), as the signed-in caller; a validation failure comes back as an
/// <see cref="Error"/> like any other refusal, so pages show every outcome the same way.
/// </summary>
public sealed class UseCases
{
    private readonly IServiceScopeFactory _scopes;
    private readonly DashboardPrincipal _caller;

    internal UseCases(IServiceScopeFactory scopes, DashboardPrincipal caller)
    {
        _scopes = scopes;
        _caller = caller;
    }

    public Task<Result<T>> AskAsync<T>(IQuery<Result<T>> query, CancellationToken cancellationToken = default) =>
        RunAsync<Result<T>>((sender, ct) => sender.Send(query, ct), error => error, cancellationToken);

    public Task<Result<T>> DoAsync<T>(ICommand<Result<T>> command, CancellationToken cancellationToken = default) =>
        RunAsync<Result<T>>((sender, ct) => sender.Send(command, ct), error => error, cancellationToken);

    public Task<Result> DoAsync(ICommand<Result> command, CancellationToken cancellationToken = default) =>
        RunAsync((sender, ct) => sender.Send(command, ct), error => error, cancellationToken);

    private async Task<TResult> RunAsync<TResult>(
        Func<ISender, CancellationToken, ValueTask<TResult>> send, Func<Error, TResult> fail, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var caller = scope.ServiceProvider.GetRequiredService<DashboardPrincipal>();
        caller.Principal = _caller.Principal;
        caller.Context = _caller.Context;
        try
        {
            return await send(scope.ServiceProvider.GetRequiredService<ISender>(), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            var messages = invalid.Errors.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal);
            return fail(Error.Validation("request.invalid", string.Join(" ", messages)));
        }
    }
}
