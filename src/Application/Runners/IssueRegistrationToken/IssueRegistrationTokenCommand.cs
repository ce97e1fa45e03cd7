using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.IssueRegistrationToken;

public sealed record IssueRegistrationTokenCommand(
    string? Team,
    string? Name,
    string? NamePrefix,
    IReadOnlyList<string?>? Labels,
    long? RunnerGroupId) : ICommand<Result<IssuedRegistrationToken>>, IRequiresPrincipal, IRunnerRequest;
