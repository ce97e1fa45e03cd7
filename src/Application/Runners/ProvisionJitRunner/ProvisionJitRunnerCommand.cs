using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Runners.ProvisionJitRunner;

/// <param name="WorkFolder">The runner's work folder, relative to its install directory; <c>_work</c> when omitted.</param>
public sealed record ProvisionJitRunnerCommand(
    string? Team,
    string? Name,
    string? NamePrefix,
    IReadOnlyList<string?>? Labels,
    long? RunnerGroupId,
    string? WorkFolder) : ICommand<Result<ProvisionedJitRunner>>, IRequiresPrincipal, IRunnerRequest;
