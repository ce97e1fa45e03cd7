using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.GetRunner;

public sealed record GetRunnerQuery(Guid Id) : IQuery<Result<RunnerDetailsDto>>;
