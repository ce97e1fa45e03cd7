using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.DeleteRunner;

/// <param name="Force">Admins only: delete even while the runner runs a job.</param>
public sealed record DeleteRunnerCommand(Guid Id, bool Force) : ICommand<Result>, IRequiresPrincipal;
