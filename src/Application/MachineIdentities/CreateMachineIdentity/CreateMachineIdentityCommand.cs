using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;

public sealed record CreateMachineIdentityCommand(
    string Team,
    string? Name,
    string? Description,
    string? Issuer,
    string? Subject,
    IReadOnlyDictionary<string, string>? ClaimConditions,
    bool SingleUseTokens) : ICommand<Result<MachineIdentityDto>>, IRequiresPrincipal;
