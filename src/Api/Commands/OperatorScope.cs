using RunnerTokens.Api.Auth;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// Runs an admin command's work in a service scope as the operator at the console: an administrator of kind
/// <see cref="PrincipalKind.System"/>, so the Application's authorization admits the use cases and their audit
/// events name who ran what (<c>operator alice@host: create-admin</c>, user agent <c>RunnerTokens.Api create-admin</c>).
/// The principal travels the way a request's does (<see cref="HttpCurrentPrincipal"/>), so the use cases run exactly
/// as behind the API; whoever can run the service binary against its database is trusted with it already.
/// </summary>
internal static class OperatorScope
{
    public static async Task<T> RunAsync<T>(IServiceProvider services, string command, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.UserAgent = $"RunnerTokens.Api {command}";
        HttpCurrentPrincipal.Set(context, Operator(command));
        var previous = accessor.HttpContext;
        accessor.HttpContext = context;
        try
        {
            return await work(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    /// <summary>The principal of an admin command; its id is the empty GUID (it is no stored user).</summary>
    public static CallerPrincipal Operator(string command) =>
        new(PrincipalKind.System, Guid.Empty, $"operator {Environment.UserName}@{Environment.MachineName}: {command}", IsAdmin: true, []);
}
