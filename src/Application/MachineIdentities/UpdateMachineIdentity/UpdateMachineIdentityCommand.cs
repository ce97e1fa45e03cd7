using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.UpdateMachineIdentity;

/// <summary>Partial update: null fields stay as they are; <see cref="ClaimConditions"/>, when given, replaces them all.</summary>
public sealed record UpdateMachineIdentityCommand(
    string Team,
    Guid Id,
    string? Name,
    string? Description,
    string? Issuer,
    string? Subject,
    IReadOnlyDictionary<string, string>? ClaimConditions,
    bool? SingleUseTokens,
    bool? IsActive) : ICommand<Result<MachineIdentityDto>>, IRequiresPrincipal;
