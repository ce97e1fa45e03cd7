using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.GetRunner;

public sealed record GetRunnerQuery(Guid Id) : IQuery<Result<RunnerDetailsDto>>, IRequiresPrincipal;
